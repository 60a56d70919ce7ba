//go:build !linux

package corpus

// canSyncFS is false where there is no syncfs(2): each file is synced.
const canSyncFS = false

func syncFS(string) error { return nil }
