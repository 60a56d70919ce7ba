package index_test

// benchSeed seeds the synthetic corpora of the index benchmarks (see
// index/bench); the engine's own are in index/answer.
const benchSeed = 1
