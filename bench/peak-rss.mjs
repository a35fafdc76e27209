// Preloaded (`node --import ./bench/peak-rss.mjs …`) into the processes the store-scale bench
// times, so each reports its own peak resident memory (KiB) on stderr as it exits.
process.on('exit', () => {
  process.stderr.write(`\nPEAK_RSS_KIB ${process.resourceUsage().maxRSS}\n`);
});
