// Command clippings indexes folders of archived articles and searches them
// from the browser, a JSON API and the command line.
//
// Usage:
//
//	clippings serve   [--addr ADDR] [--index DIR] [--corpus DIR]
//	clippings reindex --corpus DIR [--index DIR]
//	clippings extract PATH...
//	clippings search  [filters] [--json] QUERY
//	clippings bench   --corpus DIR [--procs 1,2] [--json FILE]
//	clippings bench   --generate N --out DIR --corpus SRC
//
// Run "clippings COMMAND --help" for a command's flags. The exit code is 0
// on success, 1 on failure and 2 on a usage error.
package main
