package main

import (
	"context"
	"errors"
)

func runServe(ctx context.Context, args []string, e env) error {
	return errors.New("serve: not built yet")
}
