// Repeats the run's totals as TAP-style "# pass N" lines after the spec reporter's output, so scripts that
// read node's usual summary find it whichever reporter a person reads.
export default async function* summary(source) {
  const totals = [];
  for await (const event of source) {
    if (event.type === 'test:diagnostic' && event.data.nesting === 0) {
      totals.push(`# ${event.data.message}\n`);
    }
  }
  yield* totals;
}
