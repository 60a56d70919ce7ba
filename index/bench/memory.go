package bench

import (
	"bufio"
	"context"
	"os"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"time"
)

// procStatus returns the process's peak and current resident set size in
// bytes, from /proc/self/status (VmHWM, VmRSS); zeros where unavailable.
func procStatus() (peak, now uint64) {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0, 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		key, val, ok := strings.Cut(sc.Text(), ":")
		if !ok {
			continue
		}
		fields := strings.Fields(val)
		if len(fields) == 0 {
			continue
		}
		kb, err := strconv.ParseUint(fields[0], 10, 64)
		if err != nil {
			continue
		}
		switch key {
		case "VmHWM":
			peak = kb << 10
		case "VmRSS":
			now = kb << 10
		}
	}
	return peak, now
}

// resetPeakRSS makes VmHWM start again from the current RSS (Linux 4.0+;
// a no-op where /proc/self/clear_refs cannot be written).
func resetPeakRSS() {
	_ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0)
}

// heapMetric is the Go heap's live and not yet swept objects, in bytes.
const heapMetric = "/memory/classes/heap/objects:bytes"

// heapSampler records the peak Go heap while it runs.
type heapSampler struct {
	stop context.CancelFunc
	wg   sync.WaitGroup
	mu   sync.Mutex
	peak uint64
}

// sampleHeap starts sampling the heap every 5 ms until stop is called.
func sampleHeap(ctx context.Context) *heapSampler {
	ctx, cancel := context.WithCancel(ctx)
	h := &heapSampler{stop: cancel}
	h.wg.Add(1)
	go func() {
		defer h.wg.Done()
		s := []metrics.Sample{{Name: heapMetric}}
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(s)
			if s[0].Value.Kind() == metrics.KindUint64 {
				h.mu.Lock()
				h.peak = max(h.peak, s[0].Value.Uint64())
				h.mu.Unlock()
			}
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
		}
	}()
	return h
}

// done stops sampling and returns the peak heap in bytes.
func (h *heapSampler) done() uint64 {
	h.stop()
	h.wg.Wait()
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.peak
}

// mb converts bytes to mebibytes.
func mb(b uint64) float64 { return float64(b) / (1 << 20) }
