package main

import (
	"context"
	"errors"
)

// runDocs manages the documents moderators add: add, import, list, remove.
func runDocs(ctx context.Context, args []string, e env) error {
	return errors.New("docs: not built yet")
}
