package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"syscall"

	"github.com/clippings/clippings/indexer"
)

// Exit codes.
const (
	exitOK    = 0
	exitFail  = 1
	exitUsage = 2
)

// usageError is a mistake in the command line; it exits with exitUsage.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...)}
}

// env is what a command may touch of the outside world, so that tests can
// run commands in-process.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	// stderrIsTerminal turns on progress bars.
	stderrIsTerminal bool
	// getenv reads environment variables.
	getenv func(string) string
}

// command is one subcommand.
type command struct {
	name, summary string
	run           func(ctx context.Context, e *env, args []string) error
}

func commands() []command {
	return []command{
		{"serve", "serve the search page and JSON API", runServe},
		{"reindex", "build a fresh index of a corpus folder", runReindex},
		{"extract", "print the articles of files or folders as JSON lines", runExtract},
		{"search", "search an index from the command line", runSearch},
		{"export", "write every article a search matches as CSV or JSON Lines", runExport},
		{"bench", "measure reindex and search against plain Bleve; generate corpora for scale runs", runBench},
	}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	e := &env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr,
		stderrIsTerminal: isTerminal(os.Stderr), getenv: os.Getenv}
	code := run(ctx, e, os.Args[1:])
	stop()
	os.Exit(code)
}

// run executes the command line args and returns the exit code.
func run(ctx context.Context, e *env, args []string) int {
	if len(args) > 0 && (args[0] == "--version" || args[0] == "-version" || args[0] == "version") {
		fmt.Fprintln(e.stdout, version())
		return exitOK
	}
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		printUsage(e.stderr)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	for _, c := range commands() {
		if c.name != args[0] {
			continue
		}
		err := c.run(ctx, e, args[1:])
		var ue *usageError
		switch {
		case err == nil:
			return exitOK
		case errors.Is(err, flag.ErrHelp):
			return exitOK
		case errors.As(err, &ue):
			fmt.Fprintf(e.stderr, "clippings %s: %v\nRun 'clippings %s --help' for usage.\n", c.name, err, c.name)
			return exitUsage
		default:
			fmt.Fprintf(e.stderr, "clippings %s: %v\n", c.name, err)
			return exitFail
		}
	}
	fmt.Fprintf(e.stderr, "clippings: unknown command %q\n\n", args[0])
	printUsage(e.stderr)
	return exitUsage
}

func printUsage(w io.Writer) {
	fmt.Fprintln(w, "clippings: full-text search over archived articles.")
	fmt.Fprintln(w, "\nUsage: clippings COMMAND [flags] [args]\n\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'clippings COMMAND --help' for a command's flags, 'clippings --version' for the version.")
}

// version describes the build: the module version (or "devel"), the
// commit it was built from when known, and the Go version.
func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "clippings (unknown build)"
	}
	v := strings.Trim(info.Main.Version, "()")
	if v == "" {
		v = "devel"
	}
	out := "clippings " + v
	var rev, modified string
	for _, st := range info.Settings {
		switch st.Key {
		case "vcs.revision":
			rev = st.Value
		case "vcs.modified":
			modified = st.Value
		}
	}
	if rev != "" {
		out += " " + rev[:min(12, len(rev))]
		if modified == "true" {
			out += "+modified"
		}
	}
	return out + " (" + info.GoVersion + ")"
}

// logger returns the logger commands write warnings to: on a terminal,
// lines for a reader ("skipped path: reason (error)"); elsewhere key=value
// lines for a log.
func (e *env) logger() *slog.Logger {
	if e.stderrIsTerminal {
		return slog.New(&humanHandler{w: e.stderr, mu: new(sync.Mutex)})
	}
	return slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
}

// humanHandler writes a record as the message and its values, "skipped
// file" as "skipped PATH: REASON (ERROR)", one line each, for a person
// at a terminal. Debug records are left out.
type humanHandler struct {
	w     io.Writer
	mu    *sync.Mutex
	attrs []slog.Attr
}

func (h *humanHandler) Enabled(_ context.Context, l slog.Level) bool { return l >= slog.LevelInfo }

func (h *humanHandler) Handle(_ context.Context, r slog.Record) error {
	vals := map[string]string{}
	var order []string
	add := func(a slog.Attr) bool {
		if v := a.Value.String(); v != "" && v != "<nil>" {
			vals[a.Key] = v
			order = append(order, a.Key)
		}
		return true
	}
	for _, a := range h.attrs {
		add(a)
	}
	r.Attrs(add)
	var line string
	if r.Message == "skipped file" && vals["path"] != "" {
		sk := indexer.Skip{Path: vals["path"], Reason: vals["reason"]}
		if msg := vals["err"]; msg != "" {
			sk.Err = errors.New(msg)
		}
		line = "skipped " + sk.String()
	} else {
		line = r.Message
		for _, k := range order {
			line += " " + k + ": " + vals[k] + ";"
		}
		line = strings.TrimSuffix(line, ";")
		if r.Level >= slog.LevelWarn {
			line = strings.ToLower(r.Level.String()) + ": " + line
		}
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	_, err := fmt.Fprintln(h.w, line)
	return err
}

func (h *humanHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	return &humanHandler{w: h.w, mu: h.mu, attrs: append(slices.Clone(h.attrs), attrs...)}
}

func (h *humanHandler) WithGroup(string) slog.Handler { return h }
