package main

import (
	"testing"
	"time"
)

func TestCheckTarget(t *testing.T) {
	for _, tc := range []struct {
		url string
		ok  bool
	}{
		{"http://127.0.0.1:8080/api/v1/me", true},
		{"http://localhost:8080/api/v1/me", false},
		{"http://10.0.0.1:8080/", false},
		{"https://127.0.0.1:8443/", false},
		{"http://127.0.0.1.example.com/", false},
	} {
		t.Run(tc.url, func(t *testing.T) {
			err := checkTarget(tc.url)
			if got := err == nil; got != tc.ok {
				t.Errorf("checkTarget(%q) accepted = %v, want %v (err %v)", tc.url, got, tc.ok, err)
			}
		})
	}
}

func TestPercentileIsNearestRank(t *testing.T) {
	var d []time.Duration
	for i := 1; i <= 200; i++ {
		d = append(d, time.Duration(i)*time.Millisecond)
	}
	for _, tc := range []struct {
		p    int
		want time.Duration
	}{{50, 100 * time.Millisecond}, {99, 198 * time.Millisecond}, {100, 200 * time.Millisecond}} {
		if got := percentile(d, tc.p); got != tc.want {
			t.Errorf("percentile(1..200 ms, %d) = %v, want %v", tc.p, got, tc.want)
		}
	}
	if got := percentile(nil, 99); got != 0 {
		t.Errorf("percentile(empty) = %v, want 0", got)
	}
	if got := percentile([]time.Duration{time.Second}, 1); got != time.Second {
		t.Errorf("percentile(one, 1) = %v, want 1s", got)
	}
}
