package audit

import "context"

type clientIPKey struct{}

type userAgentKey struct{}

// WithClientIP returns ctx carrying the client's address for audit entries.
func WithClientIP(ctx context.Context, ip string) context.Context {
	return context.WithValue(ctx, clientIPKey{}, ip)
}

// ClientIP returns the client's address recorded by WithClientIP, or "".
func ClientIP(ctx context.Context) string {
	ip, _ := ctx.Value(clientIPKey{}).(string)
	return ip
}

// WithUserAgent returns ctx carrying the client's User-Agent header, so that a new session can
// say which browser it is when the person lists their sessions.
func WithUserAgent(ctx context.Context, ua string) context.Context {
	return context.WithValue(ctx, userAgentKey{}, ua)
}

// UserAgent returns the User-Agent recorded by WithUserAgent, or "".
func UserAgent(ctx context.Context) string {
	ua, _ := ctx.Value(userAgentKey{}).(string)
	return ua
}
