package bot

import "github.com/summitbot/summitbot/index"

// The real engine and the test twin both satisfy Engine; the library and
// the twin satisfy Moderator.
var (
	_ Engine    = (*index.Index)(nil)
	_ Engine    = (*twinEngine)(nil)
	_ Engine    = (*index.Library)(nil)
	_ Moderator = (*index.Library)(nil)
	_ Moderator = (*twinEngine)(nil)
)
