// Command bare is the yardstick for the portal's GET /api/v1/me benchmark: a Fiber v2 app with
// default settings and one handler that answers with fixed JSON bytes (the body the portal gave
// once). The gap between the two is what the portal's middleware, token check and database
// queries cost; deploy/bench/run.sh runs the same load against both in the same run.
//
//	bare -listen 127.0.0.1:9090 -path /api/v1/me -body me.json
package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/gofiber/fiber/v2"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "bare:", err)
		os.Exit(1)
	}
}

func run() error {
	listen := flag.String("listen", "127.0.0.1:9090", "address to listen on (loopback only)")
	path := flag.String("path", "/api/v1/me", "path to answer")
	bodyFile := flag.String("body", "", "file whose bytes are the answer")
	contentType := flag.String("content-type", "application/json", "Content-Type of the answer")
	flag.Parse()
	if !strings.HasPrefix(*listen, "127.0.0.1:") {
		return errors.New("-listen must be 127.0.0.1:PORT")
	}
	body, err := os.ReadFile(*bodyFile)
	if err != nil {
		return fmt.Errorf("unable to read -body: %w", err)
	}

	app := fiber.New(fiber.Config{DisableStartupMessage: true})
	app.Get(*path, func(c *fiber.Ctx) error {
		c.Set(fiber.HeaderContentType, *contentType)
		return c.Send(body)
	})
	go func() {
		sig := make(chan os.Signal, 1)
		signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
		<-sig
		_ = app.Shutdown()
	}()
	return app.Listen(*listen)
}
