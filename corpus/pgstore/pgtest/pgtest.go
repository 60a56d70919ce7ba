// Package pgtest gives tests a real PostgreSQL: a database of their own on
// the server DATABASE_URL names, or a throwaway server started from
// Debian's postgresql binaries in a temporary folder (for the tests that
// stop and restart it). Without either, tests skip with a message saying
// how to run them; with REQUIRE_PG=1 (set by .ci/run) they fail instead.
package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// BinDir is where Debian's postgresql package puts initdb and pg_ctl.
const BinDir = "/usr/lib/postgresql/15/bin"

// howTo says how to run the tests that need PostgreSQL.
const howTo = "SKIP-PG: PostgreSQL tests skipped; to run them, set DATABASE_URL=postgres://postgres@127.0.0.1:5432/test?sslmode=disable " +
	"(a server with trust authentication) and install Debian's postgresql package (apt-get install postgresql) for the fault tests, " +
	"or run .ci/run, which does both"

// skip skips t, or fails it when REQUIRE_PG=1.
func skip(t testing.TB, why string) {
	t.Helper()
	if os.Getenv("REQUIRE_PG") == "1" {
		t.Fatalf("REQUIRE_PG=1 but %s\n%s", why, howTo)
	}
	t.Skipf("%s (%s)", howTo, why)
}

// Database returns the URL of a new, empty database on the server of
// DATABASE_URL, dropped when t ends; t is skipped without DATABASE_URL.
func Database(t testing.TB) string {
	t.Helper()
	base := os.Getenv("DATABASE_URL")
	if base == "" {
		skip(t, "DATABASE_URL is not set")
	}
	return newDatabase(t, base)
}

// newDatabase creates a database named after t on the server of base.
func newDatabase(t testing.TB, base string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		t.Fatalf("connect to DATABASE_URL: %v", err)
	}
	defer conn.Close(context.Background())
	var b [6]byte
	if _, err := rand.Read(b[:]); err != nil {
		t.Fatal(err)
	}
	name := "summitbot_test_" + hex.EncodeToString(b[:])
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		t.Fatalf("create test database: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		conn, err := pgx.Connect(ctx, base)
		if err != nil {
			t.Errorf("drop test database %s: %v", name, err)
			return
		}
		defer conn.Close(context.Background())
		if _, err := conn.Exec(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
			t.Errorf("drop test database %s: %v", name, err)
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("DATABASE_URL: %v", err)
	}
	u.Path = "/" + name
	return u.String()
}

// Server is a throwaway PostgreSQL server of one test.
type Server struct {
	t    testing.TB
	dir  string // data folder
	port int
	as   string // the user it runs as; "" for this process's

	mu      sync.Mutex
	running bool
}

// Start initialises and starts a server in a temporary folder on a free
// port, as the user nobody when this process is root, stopped and removed
// when t ends. t is skipped when the binaries are missing.
func Start(t testing.TB) *Server {
	t.Helper()
	if _, err := os.Stat(filepath.Join(BinDir, "pg_ctl")); err != nil {
		skip(t, "no "+filepath.Join(BinDir, "pg_ctl"))
	}
	root, err := os.MkdirTemp("", "pgtest-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.RemoveAll(root) })
	s := &Server{t: t, dir: filepath.Join(root, "data")}
	if os.Geteuid() == 0 {
		s.as = "nobody"
		if err := os.Chmod(root, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Mkdir(s.dir, 0o700); err != nil {
			t.Fatal(err)
		}
		u, err := user.Lookup(s.as)
		if err != nil {
			t.Fatalf("throwaway PostgreSQL as root needs the user nobody: %v", err)
		}
		uid, err := strconv.Atoi(u.Uid)
		if err != nil {
			t.Fatalf("uid of nobody: %v", err)
		}
		gid, err := strconv.Atoi(u.Gid)
		if err != nil {
			t.Fatalf("gid of nobody: %v", err)
		}
		if err := os.Chown(s.dir, uid, gid); err != nil {
			t.Fatal(err)
		}
	}
	if out, err := s.command("initdb", "-D", s.dir, "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8", "--locale=C").CombinedOutput(); err != nil {
		t.Fatalf("initdb: %v\n%s", err, out)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s.port = l.Addr().(*net.TCPAddr).Port
	l.Close()
	s.Up()
	t.Cleanup(func() {
		s.mu.Lock()
		defer s.mu.Unlock()
		if s.running {
			_ = s.command("pg_ctl", "-D", s.dir, "-m", "immediate", "-w", "stop").Run()
		}
	})
	return s
}

// command runs a postgresql binary as the server's user.
func (s *Server) command(name string, args ...string) *exec.Cmd {
	bin := filepath.Join(BinDir, name)
	if s.as == "" {
		return exec.Command(bin, args...)
	}
	return exec.Command("runuser", append([]string{"-u", s.as, "--", bin}, args...)...)
}

// URL is the connection string of the server's database postgres.
func (s *Server) URL() string {
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/postgres?sslmode=disable", s.port)
}

// Database returns the URL of a new database on the server.
func (s *Server) Database() string {
	s.t.Helper()
	return newDatabase(s.t, s.URL())
}

// Up starts the server (again) and waits until it accepts connections.
func (s *Server) Up() {
	s.t.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	opts := fmt.Sprintf("-p %d -h 127.0.0.1 -k '' -c fsync=on -c synchronous_commit=on", s.port)
	out, err := s.command("pg_ctl", "-D", s.dir, "-l", filepath.Join(s.dir, "server.log"), "-o", opts, "-w", "-t", "60", "start").CombinedOutput()
	if err != nil {
		log, _ := os.ReadFile(filepath.Join(s.dir, "server.log"))
		s.t.Fatalf("pg_ctl start: %v\n%s\n%s", err, out, log)
	}
	s.running = true
}

// Kill stops the server at once, as a crash would (immediate shutdown:
// no checkpoint, connections cut).
func (s *Server) Kill() {
	s.t.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	if out, err := s.command("pg_ctl", "-D", s.dir, "-m", "immediate", "-w", "stop").CombinedOutput(); err != nil {
		s.t.Fatalf("pg_ctl stop: %v\n%s", err, strings.TrimSpace(string(out)))
	}
	s.running = false
}
