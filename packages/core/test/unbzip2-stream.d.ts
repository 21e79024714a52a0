// unbzip2-stream ships no types: it exports a factory returning a through (duplex) stream.
declare module 'unbzip2-stream' {
  function bz2(): NodeJS.ReadWriteStream;
  export default bz2;
}
