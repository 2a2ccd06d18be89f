"""A bench peer in Python: trains the bench's dense network with NumPy or PyTorch on one thread.

Run by bench/pythonPeer.ts, never by hand. Protocol, all on stdin/stdout:
  in:  one JSON line {"framework", "sizes", "hidden", "batch", "batches", "learningRate"}, then raw
       little-endian float32: W1, b1, ..., WL, bL (W as [n_l, n_{l-1}] row-major), then the inputs
       [batches*batch, n_0] and the one-hot targets [batches*batch, n_L].
  out: one JSON line {"ready": true, "detail": "..."} naming the library, BLAS and kernel used.
  in:  "losses N" -> {"losses": [...]}: N steps, each loss before its update.
       "run MS"   -> {"steps": k, "seconds": s}: steps until MS milliseconds have passed (at least one).
       "quit".
Only the standard library, numpy and torch.
"""
import ctypes
import json
import os
import re
import sys
import time

import numpy as np


def read_exact(stream, count):
    data = stream.read(count)
    if len(data) != count:
        raise SystemExit(f"peer.py: expected {count} bytes, got {len(data)}")
    return data


def read_f32(stream, shape):
    count = int(np.prod(shape))
    return np.frombuffer(read_exact(stream, 4 * count), dtype="<f4").reshape(shape).copy()


def openblas_core():
    """The OpenBLAS kernel set this process loaded (e.g. 'SkylakeX', 'Haswell'), or None."""
    with open("/proc/self/maps") as maps:
        paths = sorted({line.split()[-1] for line in maps if "openblas" in line.lower() and line.split()[-1].startswith("/")})
    for path in paths:
        try:
            lib = ctypes.CDLL(path)
        except OSError:
            continue
        # Plain OpenBLAS, or the scipy-openblas wheels' renamed 64-bit-index build.
        for prefix, suffix in (("", ""), ("scipy_", "64_"), ("scipy_", "")):
            corename = getattr(lib, f"{prefix}openblas_get_corename{suffix}", None)
            config = getattr(lib, f"{prefix}openblas_get_config{suffix}", None)
            if corename is not None:
                corename.restype = ctypes.c_char_p
                text = corename().decode()
                if config is not None:
                    config.restype = ctypes.c_char_p
                    # "OpenBLAS 0.3.31 USE64BITINT DYNAMIC_ARCH ...": the version is enough here.
                    text += f" ({' '.join(config().decode().split()[:2])})"
                return text
    return None


def blas_libraries():
    with open("/proc/self/maps") as maps:
        names = {os.path.basename(line.split()[-1]) for line in maps if "blas" in line.lower() and line.split()[-1].startswith("/")}
    return ", ".join(sorted(names)) or "none loaded"


class NumpyPeer:
    def __init__(self, setup, weights, biases, xs, ys):
        self.hidden = setup["hidden"]
        self.lr = np.float32(setup["learningRate"])
        self.weights, self.biases, self.xs, self.ys = weights, biases, xs, ys
        self.next = 0
        core = openblas_core()
        self.detail = f"numpy {np.__version__}, BLAS {blas_libraries()}" + (f", OpenBLAS kernel {core}" if core else ", not OpenBLAS")

    def step(self):
        x, y = self.xs[self.next], self.ys[self.next]
        self.next = (self.next + 1) % len(self.xs)
        last = len(self.weights) - 1
        inputs, outputs = [], []
        a = x
        for l, (w, b) in enumerate(zip(self.weights, self.biases)):
            inputs.append(a)
            z = a @ w.T + b
            a = z if l == last else (np.maximum(z, 0) if self.hidden == "relu" else np.tanh(z))
            outputs.append(a)
        logits = a
        shifted = logits - logits.max(axis=1, keepdims=True)
        log_sum = np.log(np.exp(shifted).sum(axis=1, keepdims=True))
        log_p = shifted - log_sum
        rows = np.float32(x.shape[0])
        loss = -(y * log_p).sum() / rows
        delta = (np.exp(log_p) - y) / rows
        for l in range(last, -1, -1):
            w = self.weights[l]
            dw = delta.T @ inputs[l]
            db = delta.sum(axis=0)
            if l > 0:
                below = outputs[l - 1]
                back = delta @ w
                delta = back * (below > 0) if self.hidden == "relu" else back * (1 - below * below)
            w -= self.lr * dw
            self.biases[l] -= self.lr * db
        return float(loss)


class TorchPeer:
    def __init__(self, setup, weights, biases, xs, ys):
        import torch

        torch.set_num_threads(1)
        self.torch = torch
        layers = []
        for l, (w, b) in enumerate(zip(weights, biases)):
            linear = torch.nn.Linear(w.shape[1], w.shape[0])
            with torch.no_grad():
                linear.weight.copy_(torch.from_numpy(w))
                linear.bias.copy_(torch.from_numpy(b))
            layers.append(linear)
            if l < len(weights) - 1:
                layers.append(torch.nn.ReLU() if setup["hidden"] == "relu" else torch.nn.Tanh())
        self.model = torch.nn.Sequential(*layers)
        self.optimizer = torch.optim.SGD(self.model.parameters(), lr=setup["learningRate"], momentum=0)
        self.xs = [torch.from_numpy(x) for x in xs]
        self.ys = [torch.from_numpy(y) for y in ys]
        self.next = 0
        config = torch.__config__.show()
        blas_info = re.search(r"BLAS_INFO=(\w+)", config)
        blas = f"BLAS_INFO={blas_info.group(1) if blas_info else 'unknown'}"
        capability = next((line.split(":", 1)[1].strip() for line in config.splitlines() if "CPU capability" in line), "unknown")
        core = openblas_core()
        self.detail = (f"torch {torch.__version__}, {torch.get_num_threads()} thread, {blas}, CPU capability {capability}, BLAS {blas_libraries()}"
                       + (f", OpenBLAS kernel {core}" if core else ""))

    def step(self):
        x, y = self.xs[self.next], self.ys[self.next]
        self.next = (self.next + 1) % len(self.xs)
        self.optimizer.zero_grad(set_to_none=True)
        loss = self.torch.nn.functional.cross_entropy(self.model(x), y)
        loss.backward()
        self.optimizer.step()
        return loss.item()


def main():
    stdin, stdout = sys.stdin.buffer, sys.stdout
    setup = json.loads(stdin.readline())
    sizes, batch, batches = setup["sizes"], setup["batch"], setup["batches"]
    weights, biases = [], []
    for l in range(1, len(sizes)):
        weights.append(read_f32(stdin, (sizes[l], sizes[l - 1])))
        biases.append(read_f32(stdin, (sizes[l],)))
    inputs = read_f32(stdin, (batches * batch, sizes[0]))
    targets = read_f32(stdin, (batches * batch, sizes[-1]))
    xs = [np.ascontiguousarray(inputs[k * batch:(k + 1) * batch]) for k in range(batches)]
    ys = [np.ascontiguousarray(targets[k * batch:(k + 1) * batch]) for k in range(batches)]
    peer = (TorchPeer if setup["framework"] == "torch" else NumpyPeer)(setup, weights, biases, xs, ys)
    stdout.write(json.dumps({"ready": True, "detail": peer.detail}) + "\n")
    stdout.flush()
    for line in stdin:
        command, _, argument = line.decode().strip().partition(" ")
        if command == "losses":
            reply = {"losses": [peer.step() for _ in range(int(argument))]}
        elif command == "run":
            budget = float(argument) / 1000
            start = time.perf_counter()
            steps = 0
            while True:
                peer.step()
                steps += 1
                elapsed = time.perf_counter() - start
                if elapsed >= budget:
                    break
            reply = {"steps": steps, "seconds": elapsed}
        elif command == "quit":
            return
        else:
            raise SystemExit(f"peer.py: unknown command {command!r}")
        stdout.write(json.dumps(reply) + "\n")
        stdout.flush()


if __name__ == "__main__":
    main()
