// Preloaded (`node --import ./bench/peak-rss.mjs …`) into the processes the store-scale bench
// times, so each reports its own peak resident memory (KiB) and CPU time (all its threads,
// DuckDB's included, in ms) on stderr as it exits.
process.on('exit', () => {
  const u = process.resourceUsage();
  const cpu = (u.userCPUTime + u.systemCPUTime) / 1000;
  process.stderr.write(`\nPEAK_RSS_KIB ${u.maxRSS}\nCPU_MS ${cpu.toFixed(0)}\n`);
});
