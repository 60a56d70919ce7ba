package gaps

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// ParseAge reads a positive length of time as days ("90d"), weeks ("2w")
// or a Go duration ("36h", "90m").
func ParseAge(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	unit := time.Duration(0)
	switch {
	case strings.HasSuffix(s, "d"):
		unit = 24 * time.Hour
	case strings.HasSuffix(s, "w"):
		unit = 7 * 24 * time.Hour
	}
	if unit != 0 {
		n, err := strconv.Atoi(strings.TrimSpace(s[:len(s)-1]))
		if err != nil || n < 1 || n > 100*365 {
			return 0, fmt.Errorf("%q: want a number of days such as 30d, weeks such as 2w, or a duration such as 36h", s)
		}
		return time.Duration(n) * unit, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("%q: want a number of days such as 30d, weeks such as 2w, or a duration such as 36h", s)
	}
	return d, nil
}
