package bot

import "github.com/summitbot/summitbot/index"

// The real engine and the test twin both satisfy Engine.
var (
	_ Engine = (*index.Index)(nil)
	_ Engine = (*twinEngine)(nil)
)
