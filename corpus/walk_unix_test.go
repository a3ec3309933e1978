//go:build unix

package corpus

import (
	"net"
	"os"
	"path/filepath"
	"slices"
	"syscall"
	"testing"
)

// TestWalkSpecialFiles checks that a named pipe, a socket, a device and a
// name that is not valid UTF-8 are each reported with their reason, and
// that the walk goes on past them.
func TestWalkSpecialFiles(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.txt"), []byte("a"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "z.txt"), []byte("z"), 0o644); err != nil {
		t.Fatal(err)
	}
	want := []string{"a.txt"}
	if err := syscall.Mkfifo(filepath.Join(dir, "fifo.html"), 0o644); err != nil {
		t.Fatalf("mkfifo: %v", err)
	}
	want = append(want, "fifo.html: "+SkipPipe)
	if err := os.WriteFile(filepath.Join(dir, "name-\xff.txt"), []byte("x"), 0o644); err == nil {
		want = append(want, "name-\xff.txt: "+SkipBadName)
	}
	if err := syscall.Mknod(filepath.Join(dir, "null.txt"), syscall.S_IFCHR|0o644, 1<<8|3); err == nil {
		want = append(want, "null.txt: "+SkipDevice)
	}
	// A socket's path must be short: make it in a short folder.
	sockDir, err := os.MkdirTemp("", "walk")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(sockDir)
	if ln, err := net.Listen("unix", filepath.Join(sockDir, "s.html")); err == nil {
		defer ln.Close()
		if err := os.Symlink(filepath.Join(sockDir, "s.html"), filepath.Join(dir, "sock.html")); err != nil {
			t.Fatal(err)
		}
		want = append(want, "sock.html: "+SkipSocket)
	}
	want = append(want, "z.txt")
	slices.Sort(want)
	got := described(collect(t, os.DirFS(dir)))
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("Walk entries:\n got %q\nwant %q", got, want)
	}
}
