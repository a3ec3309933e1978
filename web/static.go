package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"time"

	"github.com/labstack/echo/v4"
)

//go:embed static templates
var assets embed.FS

// staticFiles are the embedded files served under /static/, each with a
// content hash used as ETag and as a version in URLs.
type staticFiles struct {
	files map[string]staticFile
}

type staticFile struct {
	data        []byte
	hash        string // first 16 hex digits of the SHA-256 of data
	contentType string
}

// loadStatic reads the embedded static folder. It panics if the embedded
// files cannot be read, which would be a build error.
func loadStatic() *staticFiles {
	sf := &staticFiles{files: map[string]staticFile{}}
	err := fs.WalkDir(assets, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := assets.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(data)
		ct := mime.TypeByExtension(path.Ext(p))
		if ct == "" {
			ct = "application/octet-stream"
		}
		sf.files[p[len("static/"):]] = staticFile{data: data, hash: hex.EncodeToString(sum[:8]), contentType: ct}
		return nil
	})
	if err != nil {
		panic(fmt.Sprintf("web: embedded static files: %v", err))
	}
	return sf
}

// url returns the versioned URL of a static file, for templates. A
// versioned URL may be cached for good; the version changes with the
// content.
func (sf *staticFiles) url(name string) (string, error) {
	f, ok := sf.files[name]
	if !ok {
		return "", fmt.Errorf("web: no static file %q", name)
	}
	return "/static/" + name + "?v=" + f.hash, nil
}

// handleStatic serves an embedded static file with an ETag and cache
// headers: a year and immutable when the URL names the current version,
// an hour otherwise.
func (s *Server) handleStatic(c echo.Context) error {
	name := c.Param("*")
	f, ok := s.static.files[name]
	if !ok {
		return echo.ErrNotFound
	}
	h := c.Response().Header()
	h.Set(echo.HeaderContentType, f.contentType)
	h.Set("ETag", `"`+f.hash+`"`)
	if c.QueryParam("v") == f.hash {
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		h.Set("Cache-Control", "public, max-age=3600")
	}
	http.ServeContent(c.Response(), c.Request(), name, time.Time{}, bytes.NewReader(f.data))
	return nil
}
