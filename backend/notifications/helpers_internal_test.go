package notifications

import "time"

func parse(s string) (time.Time, error) { return time.Parse(time.RFC3339, s) }
