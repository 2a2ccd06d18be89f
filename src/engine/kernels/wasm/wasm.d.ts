/** `.wasm` files are embedded by esbuild's `binary` loader as their bytes. */
declare module '*.wasm' {
  const bytes: Uint8Array;
  export default bytes;
}
