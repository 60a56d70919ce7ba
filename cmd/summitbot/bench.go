package main

import (
	"context"
	"errors"
)

// runBench measures the engine against plain bleve (see BENCHMARKS.md).
func runBench(ctx context.Context, args []string, e env) error {
	return errors.New("bench: not built yet")
}
