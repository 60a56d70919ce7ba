//go:build !unix

package gaps

import (
	"context"
	"os"
)

// flock takes no lock: without file locks on this platform, run one
// process writing the gaps log at a time there.
func flock(ctx context.Context, _ *os.File, _ bool) (unlock func(), err error) {
	return func() {}, ctx.Err()
}
