/** mvdan-sh ships no types; syntax.ts narrows what it reads to typed interfaces of its own. */
declare module 'mvdan-sh' {
  const mvdanSh: unknown;
  export default mvdanSh;
}
