package bot

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
)

// recordedCallback records the initial responses sent through it.
type recordedCallback struct {
	mu    sync.Mutex
	types []discordgo.InteractionResponseType
	sent  chan struct{} // one value a response
}

func (c *recordedCallback) respond(_ context.Context, _ *discordgo.Interaction, resp *discordgo.InteractionResponse) error {
	c.mu.Lock()
	c.types = append(c.types, resp.Type)
	c.mu.Unlock()
	c.sent <- struct{}{}
	return nil
}

// TestRunJobDefersDuringABurst: an interaction that finds an answer worker
// free is answered directly when the other interactions waiting for their
// acknowledgement are fewer than the free workers, and otherwise (a burst)
// deferred at once, its work not started.
func TestRunJobDefersDuringABurst(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ workers, others int }{{1, 0}, {2, 1}, {1, 1}, {2, 2}} {
		burst := tc.others >= tc.workers
		b := &Bot{workers: make(workers, tc.workers), cfg: Config{DeferAfter: time.Minute, AnswerTimeout: time.Minute}}
		for range tc.others {
			b.acks.add() // another interaction, not yet acknowledged
		}
		cb := &recordedCallback{sent: make(chan struct{}, 2)}
		r := &responder{i: &discordgo.Interaction{ID: "1", Type: discordgo.InteractionApplicationCommand}, cb: cb}
		b.acks.add()
		r.acked = sync.OnceFunc(b.acks.done)
		var mu sync.Mutex
		started := false
		jctx, cancel := context.WithCancel(ctx(t))
		done := make(chan error, 1)
		go func() {
			done <- b.runJob(jctx, r, job{work: func(wctx context.Context) (message, error) {
				mu.Lock()
				started = true
				mu.Unlock()
				return renderNotice("ok"), wctx.Err()
			}})
		}()
		<-cb.sent
		mu.Lock()
		workStarted := started
		mu.Unlock()
		cb.mu.Lock()
		first := cb.types[0]
		cb.mu.Unlock()
		if burst {
			if first != discordgo.InteractionResponseDeferredChannelMessageWithSource || workStarted {
				t.Errorf("%+v: first response type %d, work started %v; want a deferral (5) before the work", tc, first, workStarted)
			}
			cancel() // the answer would be an edit, through a session this test has not
			if err := <-done; err == nil {
				t.Error("runJob cancelled while queued returned no error")
			}
			continue
		}
		if err := <-done; err != nil {
			t.Fatal(err)
		}
		cancel()
		if first != discordgo.InteractionResponseChannelMessageWithSource || !workStarted {
			t.Errorf("%+v: first response type %d, work started %v; want the answer (4)", tc, first, workStarted)
		}
	}
}

// TestWaitQuiet: a queued answer's wait for the acknowledgements ends
// when none is pending and none came for the quiet time, and otherwise at
// the bound or when the context ends, whichever is first.
func TestWaitQuiet(t *testing.T) {
	t.Parallel()
	var g pending
	g.waitQuiet(ctx(t), 0, time.Hour) // none ever: no wait

	g.add()
	g.done()
	returned := make(chan struct{})
	go func() {
		g.waitQuiet(ctx(t), time.Hour, 10*time.Millisecond) // one just now: until the bound
		close(returned)
	}()
	<-returned

	g.add() // pending until the context ends
	cctx, cancel := context.WithCancel(ctx(t))
	returned = make(chan struct{})
	go func() {
		g.waitQuiet(cctx, time.Hour, time.Hour)
		close(returned)
	}()
	select {
	case <-returned:
		t.Fatal("waitQuiet returned with an acknowledgement pending")
	case <-time.After(20 * time.Millisecond):
	}
	cancel()
	<-returned

	g.done() // none pending, and the last came long enough ago
	g.mu.Lock()
	g.last = time.Now().Add(-time.Minute)
	g.mu.Unlock()
	g.waitQuiet(ctx(t), time.Second, time.Hour)
}
