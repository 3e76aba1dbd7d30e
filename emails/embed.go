// Package emails holds the templates for every email Fairtender sends.
//
// Each message has a plain-text template, <name>.txt, which also defines the subject with
// {{define "subject"}}…{{end}}, and an HTML template, <name>.html. The mailer's Renderer parses
// them (text/template and html/template respectively) and fails at start-up when either half of
// a pair is missing, so a typo cannot surface for the first time when a user is waiting for a link.
//
// Every template receives the common data .CouncilName, .ServiceName and .BaseURL, plus .Subject
// (the rendered subject line), and the fields its own header comment lists. A field a template
// uses but the caller did not give is an error, never an empty gap in the email.
package emails

import "embed"

// FS holds every email template; pass it to mailer.NewRenderer.
//
//go:embed *.html *.txt
var FS embed.FS
