package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestBenchJSON runs a small bench and checks the documented JSON: one
// object per engine, with every figure measured.
func TestBenchJSON(t *testing.T) {
	t.Parallel()
	r := runMain(t, "", nil, "bench", "--passages", "1000", "--json", "--quick", "--data", t.TempDir())
	if r.code != 0 {
		t.Fatalf("exit %d\nstderr: %s", r.code, r.stderr)
	}
	if r.stderr != "" {
		t.Errorf("stderr is not a terminal, yet bench wrote to it: %q", r.stderr)
	}
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if len(lines) != 2 {
		t.Fatalf("%d lines, want one per engine:\n%s", len(lines), r.stdout)
	}
	numbers := []string{"passages", "index_per_sec", "p50_ms", "p95_ms", "p99_ms", "qps_1", "qps_all", "cold_start_ms", "rss_mb", "index_mb", "add_one_ms", "put_one_ms", "heap_mb"}
	for i, want := range []string{"summitbot", "bleve"} {
		var got map[string]any
		if err := json.Unmarshal([]byte(lines[i]), &got); err != nil {
			t.Fatalf("line %d is not JSON: %v\n%s", i+1, err, lines[i])
		}
		if got["engine"] != want {
			t.Errorf("line %d: engine %v, want %s", i+1, got["engine"], want)
		}
		for _, k := range numbers {
			v, ok := got[k].(float64)
			if !ok || v <= 0 {
				t.Errorf("%s: %q is %v, want a positive number", want, k, got[k])
			}
		}
		if got["passages"] != float64(1000) {
			t.Errorf("%s: passages %v", want, got["passages"])
		}
		if p50, p99 := got["p50_ms"].(float64), got["p99_ms"].(float64); p50 > p99 {
			t.Errorf("%s: p50 %v above p99 %v", want, p50, p99)
		}
	}
}

func TestBenchUsage(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{
		{"bench", "--passages", "-3"},
		{"bench", "--engine", "lucene"},
		{"bench", "extra"},
	} {
		if r := runMain(t, "", nil, args...); r.code != 2 {
			t.Errorf("%q: exit %d, want 2\n%s", args, r.code, r.stderr)
		}
	}
}
