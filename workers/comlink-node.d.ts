// comlink ships its Node adapter without an exports map; the .mjs path needs this declaration (TOOLCHAIN.md).
declare module 'comlink/dist/esm/node-adapter.mjs' {
  import nodeEndpoint from 'comlink/dist/esm/node-adapter';
  export default nodeEndpoint;
}
