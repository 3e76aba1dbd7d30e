// Package mailertest gives tests a scripted SMTP server, for the replies Mailpit never gives
// (a refused recipient, a failed goodbye).
package mailertest

import (
	"bufio"
	"fmt"
	"net"
	"strings"
	"testing"
	"time"
)

// Scripted starts a minimal SMTP server that answers 250 to everything except the commands
// in replies ("." is the end of DATA) and returns its address.
func Scripted(t *testing.T, replies map[string]string) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			go serve(conn, replies)
		}
	}()
	return ln.Addr().String()
}

func serve(conn net.Conn, replies map[string]string) {
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(20 * time.Second))
	r := bufio.NewReader(conn)
	reply := func(cmd, ok string) bool {
		if rep, found := replies[cmd]; found {
			fmt.Fprint(conn, rep+"\r\n")
			return !strings.HasPrefix(rep, "421")
		}
		fmt.Fprint(conn, ok+"\r\n")
		return true
	}
	fmt.Fprint(conn, "220 scripted.example ESMTP\r\n")
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		cmd, _, _ := strings.Cut(strings.TrimSpace(line), " ")
		cmd, _, _ = strings.Cut(strings.ToUpper(cmd), ":")
		switch cmd {
		case "EHLO":
			if !reply("EHLO", "250-scripted.example\r\n250 8BITMIME") {
				return
			}
		case "DATA":
			fmt.Fprint(conn, "354 End data with <CR><LF>.<CR><LF>\r\n")
			for {
				l, err := r.ReadString('\n')
				if err != nil {
					return
				}
				if l == ".\r\n" {
					break
				}
			}
			reply(".", "250 2.0.0 Queued")
		case "QUIT":
			if rep, found := replies["QUIT"]; found {
				fmt.Fprint(conn, rep+"\r\n")
				return
			}
			fmt.Fprint(conn, "221 2.0.0 Bye\r\n")
			return
		default:
			if !reply(cmd, "250 2.0.0 OK") {
				return
			}
		}
	}
}
