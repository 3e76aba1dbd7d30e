package notifications

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/danielgtaylor/huma/v2"
	"github.com/fairtender/fairtender/backend/opportunities"
	"github.com/fairtender/fairtender/backend/platform/auth"
	"github.com/fairtender/fairtender/backend/platform/httpapi"
)

// API is the HTTP face of the notification service.
type API struct{ svc *Service }

// NewAPI returns the notification API.
func NewAPI(svc *Service) *API { return &API{svc: svc} }

var (
	suppliersOnly = auth.Only(auth.RoleSupplier)
	alertTags     = []string{"Alerts"}
	inboxTags     = []string{"Inbox"}
	feedTags      = []string{"Feeds"}
)

type alertsOutput struct {
	Body struct {
		Items []AlertView `json:"items" nullable:"false"`
	}
}

type alertOutput struct{ Body AlertView }

type alertIDInput struct {
	ID string `path:"id" maxLength:"36"`
}

// OrganisationQuery names which of the caller's organisations a request is for. It is exported
// because huma reads parameters only from exported embedded structs.
type OrganisationQuery struct {
	OrganisationID string `query:"organisationId" maxLength:"36" doc:"Which of your organisations this is for; needed only if you belong to several."`
}

type alertInput struct {
	OrganisationQuery
	Body AlertInput
}

type registerInterestInput struct {
	OrganisationQuery
	ID string `path:"id" maxLength:"36" doc:"The opportunity's ID."`
}

type alertUpdateInput struct {
	ID   string `path:"id" maxLength:"36"`
	Body AlertInput
}

type inboxInput struct {
	Unread   bool `query:"unread" doc:"Only unread messages."`
	Page     int  `query:"page" minimum:"1" maximum:"10000" default:"1"`
	PageSize int  `query:"pageSize" minimum:"1" maximum:"100" default:"20"`
}

type inboxOutput struct{ Body Inbox }

type unreadOutput struct {
	Body struct {
		Unread int64 `json:"unread"`
	}
}

type notificationIDInput struct {
	ID string `path:"id" maxLength:"36"`
}

type opportunityIDInput struct {
	ID string `path:"id" maxLength:"36" doc:"The opportunity's ID."`
}

type interestOutput struct{ Body InterestView }

type interestsInput struct {
	OrganisationQuery
	Page     int `query:"page" minimum:"1" maximum:"10000" default:"1"`
	PageSize int `query:"pageSize" minimum:"1" maximum:"100" default:"20"`
}

type interestsOutput struct{ Body InterestList }

type tokenInput struct {
	Token string `path:"token" maxLength:"100"`
}

type unsubscribeOutput struct{ Body Unsubscription }

type feedInput struct {
	opportunities.SearchFilter
	IfNoneMatch     string `header:"If-None-Match" doc:"The ETag of a copy you have: 304 Not Modified if it is still current."`
	IfModifiedSince string `header:"If-Modified-Since" doc:"The Last-Modified of a copy you have: 304 Not Modified if nothing is newer (ignored when If-None-Match is sent)."`
}

type feedOutput struct {
	Status       int
	ContentType  string `header:"Content-Type"`
	CacheControl string `header:"Cache-Control"`
	ETag         string `header:"ETag"`
	LastModified string `header:"Last-Modified"`
	Body         []byte
}

type rawOutput struct {
	ContentType        string `header:"Content-Type"`
	ContentDisposition string `header:"Content-Disposition"`
	CacheControl       string `header:"Cache-Control"`
	Body               []byte
}

type noContent struct{}

// Register adds the alert, inbox, interest, unsubscribe and feed operations.
func (a *API) Register(s *httpapi.Server) {
	httpapi.Register(s, huma.Operation{OperationID: "listAlerts", Method: http.MethodGet, Path: "/api/v1/alerts", Tags: alertTags,
		Summary: "Your alerts", Description: "The first time, an alert is made from your organisation's kinds of work."}, suppliersOnly, a.listAlerts)
	httpapi.Register(s, huma.Operation{OperationID: "createAlert", Method: http.MethodPost, Path: "/api/v1/alerts", Tags: alertTags,
		Summary: "Save an alert", DefaultStatus: http.StatusCreated}, suppliersOnly, a.createAlert)
	httpapi.Register(s, huma.Operation{OperationID: "getAlert", Method: http.MethodGet, Path: "/api/v1/alerts/{id}", Tags: alertTags,
		Summary: "One of your alerts"}, suppliersOnly, a.getAlert)
	httpapi.Register(s, huma.Operation{OperationID: "updateAlert", Method: http.MethodPut, Path: "/api/v1/alerts/{id}", Tags: alertTags,
		Summary: "Change an alert"}, suppliersOnly, a.updateAlert)
	httpapi.Register(s, huma.Operation{OperationID: "listAlertOpenMatches", Method: http.MethodGet, Path: "/api/v1/alerts/{id}/open-matches", Tags: alertTags,
		Summary: "Opportunities open now that the alert matches"}, suppliersOnly, a.openMatches)
	httpapi.Register(s, huma.Operation{OperationID: "pauseAlert", Method: http.MethodPost, Path: "/api/v1/alerts/{id}/pause", Tags: alertTags,
		Summary: "Pause an alert: keep it, but be told of nothing until it is resumed"}, suppliersOnly, a.pauseAlert)
	httpapi.Register(s, huma.Operation{OperationID: "resumeAlert", Method: http.MethodPost, Path: "/api/v1/alerts/{id}/resume", Tags: alertTags,
		Summary: "Resume a paused alert"}, suppliersOnly, a.resumeAlert)
	httpapi.Register(s, huma.Operation{OperationID: "createProfileAlert", Method: http.MethodPost, Path: "/api/v1/alerts/from-profile", Tags: alertTags,
		Summary: "Make the alert from your organisation's profile again", DefaultStatus: http.StatusCreated}, suppliersOnly, a.createProfileAlert)
	httpapi.Register(s, huma.Operation{OperationID: "deleteAlert", Method: http.MethodDelete, Path: "/api/v1/alerts/{id}", Tags: alertTags,
		Summary: "Delete an alert", DefaultStatus: http.StatusNoContent}, suppliersOnly, a.deleteAlert)

	httpapi.Register(s, huma.Operation{OperationID: "listNotifications", Method: http.MethodGet, Path: "/api/v1/notifications", Tags: inboxTags,
		Summary: "Your inbox, newest first, with the unread count"}, auth.SignedIn, a.inbox)
	httpapi.Register(s, huma.Operation{OperationID: "countUnreadNotifications", Method: http.MethodGet, Path: "/api/v1/notifications/unread-count", Tags: inboxTags,
		Summary: "How many messages are unread"}, auth.SignedIn, a.unread)
	httpapi.Register(s, huma.Operation{OperationID: "markNotificationRead", Method: http.MethodPost, Path: "/api/v1/notifications/{id}/read", Tags: inboxTags,
		Summary: "Mark a message read", DefaultStatus: http.StatusNoContent}, auth.SignedIn, a.markRead)
	httpapi.Register(s, huma.Operation{OperationID: "markAllNotificationsRead", Method: http.MethodPost, Path: "/api/v1/notifications/read-all", Tags: inboxTags,
		Summary: "Mark every message read", DefaultStatus: http.StatusNoContent}, auth.SignedIn, a.markAllRead)

	httpapi.Register(s, huma.Operation{OperationID: "getInterest", Method: http.MethodGet, Path: "/api/v1/opportunities/{id}/interest", Tags: alertTags,
		Summary: "Whether you registered interest"}, suppliersOnly, a.getInterest)
	httpapi.Register(s, huma.Operation{OperationID: "registerInterest", Method: http.MethodPost, Path: "/api/v1/opportunities/{id}/interest", Tags: alertTags,
		Summary: "Register interest: hear of changes and be reminded of the deadline"}, suppliersOnly, a.registerInterest)
	httpapi.Register(s, huma.Operation{OperationID: "withdrawInterest", Method: http.MethodDelete, Path: "/api/v1/opportunities/{id}/interest", Tags: alertTags,
		Summary: "Stop hearing about an opportunity", DefaultStatus: http.StatusNoContent}, suppliersOnly, a.withdrawInterest)
	httpapi.Register(s, huma.Operation{OperationID: "listMyInterests", Method: http.MethodGet, Path: "/api/v1/supplier/interests", Tags: alertTags,
		Summary:     "The opportunities your organisation registered interest in, with their deadlines now",
		Description: "Anyone's in your organisation, each opportunity once: open ones first, soonest deadline first; then planned; then closed and cancelled."},
		suppliersOnly, a.listInterests)

	httpapi.Register(s, huma.Operation{OperationID: "listInterested", Method: http.MethodGet, Path: "/api/v1/opportunities/{id}/interested", Tags: alertTags,
		Summary: "Who registered interest in an opportunity (council buyers)"}, auth.Only(auth.RoleBuyer, auth.RoleAdmin), a.listInterested)

	httpapi.Register(s, huma.Operation{OperationID: "describeUnsubscribe", Method: http.MethodGet, Path: "/api/v1/unsubscribe/{token}", Tags: alertTags,
		Summary: "What an email's unsubscribe link would stop (no sign-in needed)"}, auth.Public, a.describeUnsubscribe)
	httpapi.Register(s, huma.Operation{OperationID: "unsubscribe", Method: http.MethodPost, Path: "/api/v1/unsubscribe/{token}", Tags: alertTags,
		Summary:     "Stop the emails an unsubscribe link names (RFC 8058 one-click; no sign-in needed)",
		Description: "Mail programs POST List-Unsubscribe=One-Click here; any body is ignored."}, auth.Public, a.unsubscribe)

	httpapi.Register(s, huma.Operation{OperationID: "opportunitiesFeed", Method: http.MethodGet, Path: "/api/v1/feeds/opportunities.atom", Tags: feedTags,
		Summary: "Atom feed of the newest opportunities, taking the search filters",
		Description: "Newest first unless sort is given; at most 50 entries. An entry's updated is when the opportunity last changed (an amendment, say). " +
			"Send the ETag back as If-None-Match (or Last-Modified as If-Modified-Since) to get 304 Not Modified while nothing has changed.",
		Responses: map[string]*huma.Response{"200": {Description: "An Atom 1.0 feed", Content: map[string]*huma.MediaType{"application/atom+xml": {}}},
			"304": {Description: "Not modified: the copy you have is current"}}},
		auth.Public, a.feed)
	httpapi.Register(s, huma.Operation{OperationID: "opportunityCalendar", Method: http.MethodGet, Path: "/api/v1/opportunities/{id}/calendar.ics", Tags: feedTags,
		Summary:   "The opportunity's deadlines as an iCalendar file",
		Responses: map[string]*huma.Response{"200": {Description: "An iCalendar file", Content: map[string]*huma.MediaType{"text/calendar": {}}}}},
		auth.Public, a.calendar)
}

func (a *API) listAlerts(ctx context.Context, _ *struct{}) (*alertsOutput, error) {
	items, err := a.svc.ListAlerts(ctx, auth.PrincipalFrom(ctx))
	if err != nil {
		return nil, err
	}
	out := &alertsOutput{}
	out.Body.Items = items
	return out, nil
}

func (a *API) createAlert(ctx context.Context, in *alertInput) (*alertOutput, error) {
	v, err := a.svc.CreateAlert(ctx, auth.PrincipalFrom(ctx), in.OrganisationID, in.Body)
	if err != nil {
		return nil, err
	}
	return &alertOutput{Body: v}, nil
}

func (a *API) getAlert(ctx context.Context, in *alertIDInput) (*alertOutput, error) {
	v, err := a.svc.GetAlert(ctx, auth.PrincipalFrom(ctx), in.ID)
	if err != nil {
		return nil, err
	}
	return &alertOutput{Body: v}, nil
}

func (a *API) updateAlert(ctx context.Context, in *alertUpdateInput) (*alertOutput, error) {
	v, err := a.svc.UpdateAlert(ctx, auth.PrincipalFrom(ctx), in.ID, in.Body)
	if err != nil {
		return nil, err
	}
	return &alertOutput{Body: v}, nil
}

func (a *API) deleteAlert(ctx context.Context, in *alertIDInput) (*noContent, error) {
	return &noContent{}, a.svc.DeleteAlert(ctx, auth.PrincipalFrom(ctx), in.ID)
}

func (a *API) inbox(ctx context.Context, in *inboxInput) (*inboxOutput, error) {
	v, err := a.svc.ListInbox(ctx, auth.PrincipalFrom(ctx), in.Unread, in.Page, in.PageSize)
	if err != nil {
		return nil, err
	}
	return &inboxOutput{Body: v}, nil
}

func (a *API) unread(ctx context.Context, _ *struct{}) (*unreadOutput, error) {
	n, err := a.svc.UnreadCount(ctx, auth.PrincipalFrom(ctx))
	if err != nil {
		return nil, err
	}
	out := &unreadOutput{}
	out.Body.Unread = n
	return out, nil
}

func (a *API) markRead(ctx context.Context, in *notificationIDInput) (*noContent, error) {
	if in.ID == "" {
		return nil, huma.Error404NotFound(errNotificationNotFound.Message)
	}
	return &noContent{}, a.svc.MarkRead(ctx, auth.PrincipalFrom(ctx), in.ID)
}

func (a *API) markAllRead(ctx context.Context, _ *struct{}) (*noContent, error) {
	return &noContent{}, a.svc.MarkRead(ctx, auth.PrincipalFrom(ctx), "")
}

func (a *API) getInterest(ctx context.Context, in *opportunityIDInput) (*interestOutput, error) {
	v, err := a.svc.GetInterest(ctx, auth.PrincipalFrom(ctx), in.ID)
	if err != nil {
		return nil, err
	}
	return &interestOutput{Body: v}, nil
}

type profileAlertInput struct {
	OrganisationQuery
}

func (a *API) pauseAlert(ctx context.Context, in *alertIDInput) (*alertOutput, error) {
	v, err := a.svc.SetPaused(ctx, auth.PrincipalFrom(ctx), in.ID, true)
	if err != nil {
		return nil, err
	}
	return &alertOutput{Body: v}, nil
}

func (a *API) resumeAlert(ctx context.Context, in *alertIDInput) (*alertOutput, error) {
	v, err := a.svc.SetPaused(ctx, auth.PrincipalFrom(ctx), in.ID, false)
	if err != nil {
		return nil, err
	}
	return &alertOutput{Body: v}, nil
}

func (a *API) createProfileAlert(ctx context.Context, in *profileAlertInput) (*alertOutput, error) {
	v, err := a.svc.CreateProfileAlert(ctx, auth.PrincipalFrom(ctx), in.OrganisationID)
	if err != nil {
		return nil, err
	}
	return &alertOutput{Body: v}, nil
}

type openMatchesOutput struct{ Body OpenMatches }

func (a *API) openMatches(ctx context.Context, in *alertIDInput) (*openMatchesOutput, error) {
	v, err := a.svc.OpenMatchesOf(ctx, auth.PrincipalFrom(ctx), in.ID)
	if err != nil {
		return nil, err
	}
	return &openMatchesOutput{Body: v}, nil
}

type interestedOutput struct{ Body Interested }

func (a *API) listInterested(ctx context.Context, in *opportunityIDInput) (*interestedOutput, error) {
	v, err := a.svc.InterestedIn(ctx, auth.PrincipalFrom(ctx), in.ID)
	if err != nil {
		return nil, err
	}
	return &interestedOutput{Body: v}, nil
}

func (a *API) registerInterest(ctx context.Context, in *registerInterestInput) (*interestOutput, error) {
	v, err := a.svc.RegisterInterest(ctx, auth.PrincipalFrom(ctx), in.ID, in.OrganisationID)
	if err != nil {
		return nil, err
	}
	return &interestOutput{Body: v}, nil
}

func (a *API) listInterests(ctx context.Context, in *interestsInput) (*interestsOutput, error) {
	v, err := a.svc.ListInterests(ctx, auth.PrincipalFrom(ctx), in.OrganisationID, in.Page, in.PageSize)
	if err != nil {
		return nil, err
	}
	return &interestsOutput{Body: v}, nil
}

func (a *API) withdrawInterest(ctx context.Context, in *opportunityIDInput) (*noContent, error) {
	return &noContent{}, a.svc.WithdrawInterest(ctx, auth.PrincipalFrom(ctx), in.ID)
}

func (a *API) describeUnsubscribe(ctx context.Context, in *tokenInput) (*unsubscribeOutput, error) {
	v, err := a.svc.DescribeUnsubscribe(ctx, in.Token)
	if err != nil {
		return nil, err
	}
	return &unsubscribeOutput{Body: v}, nil
}

func (a *API) unsubscribe(ctx context.Context, in *tokenInput) (*unsubscribeOutput, error) {
	v, err := a.svc.Unsubscribe(ctx, in.Token)
	if err != nil {
		return nil, err
	}
	return &unsubscribeOutput{Body: v}, nil
}

func (a *API) feed(ctx context.Context, in *feedInput) (*feedOutput, error) {
	f, err := a.svc.AtomFeed(ctx, in.SearchFilter, feedQuery(in.SearchFilter))
	if err != nil {
		return nil, err
	}
	out := &feedOutput{Status: http.StatusOK, ContentType: "application/atom+xml; charset=utf-8", CacheControl: "public, max-age=300",
		ETag: f.ETag, LastModified: f.Updated.UTC().Format(http.TimeFormat), Body: f.Body}
	if notModified(in.IfNoneMatch, in.IfModifiedSince, f.ETag, f.Updated) {
		out.Status, out.ContentType, out.Body = http.StatusNotModified, "", nil
	}
	return out, nil
}

// notModified decides a conditional GET as RFC 9110 section 13.2.2 orders it: If-None-Match, by
// weak comparison, when it is sent; otherwise If-Modified-Since, at the one-second precision of
// HTTP dates. An unreadable date is ignored, as the RFC says. (huma's conditional package would
// also answer 304 on a matching date when the ETag differs.)
func notModified(ifNoneMatch, ifModifiedSince, etag string, modified time.Time) bool {
	if strings.TrimSpace(ifNoneMatch) != "" {
		want := strings.TrimPrefix(etag, "W/")
		for _, tag := range strings.Split(ifNoneMatch, ",") {
			tag = strings.TrimSpace(tag)
			if tag == "*" || strings.TrimPrefix(tag, "W/") == want {
				return true
			}
		}
		return false
	}
	since, err := http.ParseTime(strings.TrimSpace(ifModifiedSince))
	return err == nil && !modified.Truncate(time.Second).After(since)
}

// feedQuery writes the filters back as a query string, for the feed's own address.
func feedQuery(f opportunities.SearchFilter) string {
	v := url.Values{}
	set := func(k, s string) {
		if s != "" {
			v.Set(k, s)
		}
	}
	set("q", f.Q)
	set("cpv", f.CPV)
	set("locality", f.Locality)
	set("procedure", f.Procedure)
	set("status", string(f.Status))
	set("suitableForSmes", f.SuitableForSMEs)
	set("suitableForVcses", f.SuitableForVCSEs)
	set("sort", f.Sort)
	if f.MinValuePence > 0 {
		v.Set("minValuePence", strconv.FormatInt(f.MinValuePence, 10))
	}
	if f.MaxValuePence > 0 {
		v.Set("maxValuePence", strconv.FormatInt(f.MaxValuePence, 10))
	}
	if f.ClosingWithinDays > 0 {
		v.Set("closingWithinDays", strconv.Itoa(f.ClosingWithinDays))
	}
	return v.Encode()
}

func (a *API) calendar(ctx context.Context, in *opportunityIDInput) (*rawOutput, error) {
	body, ref, err := a.svc.Calendar(ctx, in.ID)
	if err != nil {
		return nil, err
	}
	return &rawOutput{ContentType: "text/calendar; charset=utf-8", ContentDisposition: `attachment; filename="` + ref + `.ics"`,
		CacheControl: "no-cache", Body: body}, nil
}
