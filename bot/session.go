package bot

import (
	"net/http"
	"strings"

	"github.com/bwmarrin/discordgo"
)

// intents are the gateway intents the bot asks for: messages in guilds and
// DMs, for mentions. Interactions need no intent, and the privileged
// message content intent is not needed for messages that mention the bot.
const intents = discordgo.IntentsGuildMessages | discordgo.IntentsDirectMessages

// newSession makes the discordgo session for cfg (defaults applied): the
// token, intents, shard and an HTTP client that sends every REST request
// to cfg.APIURL when it is set. Nothing is global: the URL rewriting lives
// in this session's client only, and the gateway address is asked of the
// same API.
func newSession(cfg Config) (*discordgo.Session, error) {
	s, err := discordgo.New(cfg.Token)
	if err != nil {
		return nil, err
	}
	s.Identify.Intents = intents
	s.ShardID, s.ShardCount = cfg.ShardID, cfg.ShardCount
	s.StateEnabled = true
	client := &http.Client{Timeout: DefaultHTTPTimeout, Transport: restTransport()}
	if cfg.HTTPClient != nil {
		c := *cfg.HTTPClient
		client = &c
	}
	if cfg.APIURL != "" {
		base := client.Transport
		if base == nil {
			base = http.DefaultTransport
		}
		client.Transport = &rewriteTransport{from: discordgo.EndpointAPI, to: cfg.APIURL, base: base}
	}
	s.Client = client
	return s, nil
}

// rewriteTransport sends requests for URLs under from to the same path
// under to, and others unchanged.
type rewriteTransport struct {
	from, to string
	base     http.RoundTripper
}

// RoundTrip implements http.RoundTripper.
func (t *rewriteTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	u := req.URL.String()
	if !strings.HasPrefix(u, t.from) {
		return t.base.RoundTrip(req)
	}
	r := req.Clone(req.Context())
	nu, err := req.URL.Parse(t.to + strings.TrimPrefix(u, t.from))
	if err != nil {
		return nil, err
	}
	r.URL = nu
	r.Host = nu.Host
	return t.base.RoundTrip(r)
}

// maxIdleConns is how many idle connections to the REST API the session
// keeps: net/http keeps 2 a host by default, so under a burst of replies
// (a REST call each) every other call would dial, and to Discord shake
// hands over TLS, again.
const maxIdleConns = 100

// restTransport is http.DefaultTransport keeping maxIdleConns idle
// connections to the API.
func restTransport() http.RoundTripper {
	t, ok := http.DefaultTransport.(*http.Transport)
	if !ok {
		return http.DefaultTransport
	}
	t = t.Clone()
	t.MaxIdleConns, t.MaxIdleConnsPerHost = maxIdleConns, maxIdleConns
	return t
}
