// Package frontend holds the built web portal so that the fairtender binary can
// serve it without any files beside it.
package frontend

import "embed"

// Dist is the Vite build output (index.html and hashed assets under assets/).
// `npm --prefix frontend run build` fills it; without a build it holds only
// .gitkeep, so the Go code compiles and its tests run before any frontend build.
//
//go:embed all:dist
var Dist embed.FS
