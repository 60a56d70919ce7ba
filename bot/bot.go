package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/bwmarrin/discordgo"
)

// Bot is summitbot on Discord: one gateway session (one shard) answering
// slash commands, buttons and mentions from an Engine.
type Bot struct {
	cfg     Config
	eng     Engine
	log     *slog.Logger
	limiter *limiter
	// typing limits autocomplete requests; refusedLogs, log lines of
	// refused events.
	typing, refusedLogs *limiter
	defs                []*discordgo.ApplicationCommand

	commands   map[string]commandHandler
	components map[string]componentHandler
	modals     map[string]componentHandler

	// mod changes the documents; nil when the engine cannot, and then
	// there are no moderation commands.
	mod      Moderator
	download *downloader
	// gaps records what the bot could not answer; nil when off.
	gaps Gaps
	// talks keeps the recent turns of conversations (conversation.go).
	talks *talks

	// workers bounds the answers computed at once, and acks counts the
	// interactions waiting for their acknowledgement (respond.go);
	// requests, the HTTP requests of interactions being handled (http.go).
	workers  workers
	acks     pending
	requests pending

	// httpAddr is the address the interactions endpoint listens on, set
	// before ready is closed.
	httpAddr string

	running  atomic.Bool
	ready    chan struct{} // closed once connected and commands are registered
	inflight inflight
}

// commandHandler reads a slash command and says what to do.
type commandHandler func(i *discordgo.Interaction, data discordgo.ApplicationCommandInteractionData) (job, error)

// componentHandler reads a button click, given its decoded custom id.
type componentHandler func(i *discordgo.Interaction, id customID) (job, error)

// New checks cfg and returns a bot answering from eng and logging to log
// (with component=bot). It does not connect: Run does. When eng also
// implements Moderator (as *library.Library does), the bot registers and
// serves the moderation commands too.
func New(cfg Config, eng Engine, log *slog.Logger) (*Bot, error) {
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("bot config: %w", err)
	}
	if eng == nil {
		return nil, errors.New("bot: no engine")
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	cfg = cfg.withDefaults()
	mod, _ := eng.(Moderator)
	b := &Bot{
		cfg:     cfg,
		eng:     eng,
		mod:     mod,
		log:     slog.New(redactHandler{log.Handler()}).With("component", "bot"),
		limiter: newLimiter(cfg.RatePerMinute, cfg.RateBurst, cfg.RateUsers, time.Now),
		// Autocomplete fires at every keystroke: a bucket of its own,
		// larger, so typing a title never spends the questions' tokens.
		typing: newLimiter(cfg.RatePerMinute*autocompleteFactor, cfg.RateBurst*autocompleteFactor, cfg.RateUsers, time.Now),
		// Refusals are logged at most a few a minute per user, so that a
		// flood of refused events is no flood of log lines.
		refusedLogs: newLimiter(refusedLogsPerMinute, refusedLogsBurst, cfg.RateUsers, time.Now),
		defs:        commandDefs(cfg.GuildID == "", mod != nil, mod != nil && cfg.Gaps != nil),
		gaps:        cfg.Gaps,
		download:    newDownloader(cfg),
		talks:       newTalks(time.Now),
		workers:     make(workers, cfg.AnswerWorkers),
		ready:       make(chan struct{}),
	}
	b.commands = map[string]commandHandler{
		cmdAsk:    b.ask,
		cmdSearch: b.search,
		cmdSource: b.source,
		cmdAbout:  b.about,
	}
	b.components = map[string]componentHandler{
		idMore:     b.more,
		idSource:   b.showSource,
		idFeedback: b.feedback,
		idPage:     b.page,
		idFollowUp: b.followUp,
	}
	b.modals = map[string]componentHandler{idFollowUpSubmit: b.followUpSubmit}
	if mod != nil {
		b.commands[cmdDoc] = b.moderatedCommand(b.doc)
		b.commands[cmdNote] = b.moderatedCommand(b.note)
		b.components[idRemove] = b.moderated(b.confirmRemove)
		b.components[idKeep] = b.moderated(b.keep)
		b.components[idDocs] = b.moderated(b.listPage)
		b.modals[idAdd] = b.moderated(b.addSubmit)
		b.modals[idUpdate] = b.moderated(b.updateSubmit)
		b.components[idQuestions] = b.moderated(b.questions)
		b.modals[idQuestionsSubmit] = b.moderated(b.questionsSubmit)
		if b.gaps != nil {
			b.components[idGaps] = b.moderated(b.gapsPageButton)
			b.components[idGapAdd] = b.moderated(b.gapAdd)
			b.components[idGapDismiss] = b.moderated(b.gapDismiss)
		}
	}
	return b, nil
}

// Run connects to the gateway (unless Config.NoGateway), serves the HTTP
// interactions endpoint (when Config.InteractionsAddr is set), registers
// the commands (shard 0 only) and answers until ctx is done; then it stops
// taking new events, drains the HTTP requests and waits for the replies in
// progress, and closes the session. It returns nil after a clean shutdown.
// discordgo reconnects by itself after network errors.
func (b *Bot) Run(ctx context.Context) error {
	if !b.running.CompareAndSwap(false, true) {
		return errors.New("bot: Run called twice")
	}
	s, err := newSession(b.cfg)
	if err != nil {
		return fmt.Errorf("discord session: %w", err)
	}
	// Handlers outlive a cancelled ctx just long enough to finish their
	// replies; each has its own deadline.
	hctx := context.WithoutCancel(ctx)
	s.AddHandler(func(s *discordgo.Session, ic *discordgo.InteractionCreate) { b.onInteraction(hctx, s, ic) })
	s.AddHandler(func(s *discordgo.Session, mc *discordgo.MessageCreate) { b.onMessage(hctx, s, mc) })
	s.AddHandler(func(_ *discordgo.Session, r *discordgo.Ready) {
		if b.inflight.start() {
			defer b.inflight.done()
			b.log.InfoContext(hctx, "gateway ready", "session_user", r.User.ID, "guilds", len(r.Guilds))
		}
	})
	s.AddHandler(func(_ *discordgo.Session, _ *discordgo.Resumed) {
		if b.inflight.start() {
			defer b.inflight.done()
			b.log.InfoContext(hctx, "gateway resumed")
		}
	})

	t := &transports{s: s}
	b.log.InfoContext(ctx, "connecting", "config", b.cfg)
	if b.cfg.InteractionsAddr != "" {
		ln, err := b.listen()
		if err != nil {
			return err
		}
		b.httpAddr = ln.Addr().String()
		t.srv, t.served = b.httpServer(hctx, s), make(chan error, 1)
		go func() { t.served <- t.srv.Serve(ln) }()
		b.log.InfoContext(ctx, "interactions endpoint listening", "addr", b.httpAddr, "path", InteractionsPath)
	}
	appID, err := b.start(ctx, s)
	t.gateway = err == nil && !b.cfg.NoGateway
	if err != nil {
		b.shutdown(hctx, t)
		if ctx.Err() != nil {
			b.log.InfoContext(hctx, "stopped before connecting")
			return nil
		}
		return err
	}
	if b.cfg.ShardID == 0 {
		err := errors.New("no application id in READY")
		if appID != "" {
			err = registerCommands(ctx, s, appID, b.cfg.GuildID, b.defs, b.cfg.APIURL, b.log)
		}
		if err != nil {
			b.shutdown(hctx, t)
			if ctx.Err() != nil { // stopped while registering: a clean stop
				return nil
			}
			return fmt.Errorf("register commands: %w", err)
		}
	}
	close(b.ready)
	b.log.InfoContext(ctx, "running")
	<-ctx.Done()
	b.shutdown(hctx, t)
	return nil
}

// start opens the gateway and returns the application id from READY; with
// Config.NoGateway it asks the REST API for the application id instead
// (shard 0 only, to register the commands).
func (b *Bot) start(ctx context.Context, s *discordgo.Session) (string, error) {
	if !b.cfg.NoGateway {
		if err := b.connect(ctx, s.Open); err != nil {
			return "", err
		}
		s.State.RLock()
		app := s.State.Application
		s.State.RUnlock()
		if app != nil && app.ID != "" {
			return app.ID, nil
		}
		if b.cfg.ShardID != 0 {
			return "", nil
		}
		// READY came without it (discordgo takes the first dispatch after
		// IDENTIFY for READY): ask the REST API, as without a gateway.
		b.log.WarnContext(ctx, "no application id in the first gateway event; asking the REST API")
	} else {
		b.log.InfoContext(ctx, "no gateway connection (GATEWAY=off): interactions come over HTTP only; mentions and DMs need a process with the gateway")
		if b.cfg.ShardID != 0 {
			return "", nil
		}
	}
	var app *discordgo.Application
	err := b.connect(ctx, func() error {
		var err error
		app, err = s.Application("@me")
		return err
	})
	if err != nil {
		if !b.cfg.NoGateway {
			_ = s.Close() // Run closes only a gateway start returned
		}
		return "", err
	}
	return app.ID, nil
}

// transports is what Run opened: the session (its gateway once open) and
// the HTTP server, if any.
type transports struct {
	s       *discordgo.Session
	gateway bool
	srv     *http.Server
	served  chan error // Serve's result
}

// Backoff of the first connection while Discord cannot be reached: the
// first retry after connectRetryFirst, each next one after twice as long,
// up to connectRetryMax.
const (
	connectRetryFirst = time.Second
	connectRetryMax   = time.Minute
)

// connect calls open (the gateway session's Open, or a first REST call).
// While Discord cannot be reached (the network, a 5xx, a rate limit) it
// retries with backoff, logging each failure with the API URL in use,
// until ctx is done; a refusal (a bad token, another 4xx) is returned at
// once.
func (b *Bot) connect(ctx context.Context, open func() error) error {
	api := b.cfg.APIURL
	if api == "" {
		api = discordgo.EndpointAPI
	}
	wait := connectRetryFirst
	for attempt := 1; ; attempt++ {
		err := open()
		if err == nil {
			if attempt > 1 {
				b.log.InfoContext(ctx, "connected", "api_url", api, "attempts", attempt)
			}
			return nil
		}
		err = namedURL(err, b.cfg.APIURL)
		var rest *discordgo.RESTError
		if errors.As(err, &rest) && rest.Response != nil && rest.Response.StatusCode >= 400 && rest.Response.StatusCode < 500 && rest.Response.StatusCode != http.StatusTooManyRequests {
			if rest.Response.StatusCode == http.StatusUnauthorized {
				return fmt.Errorf("connect to Discord at %s: the bot token was refused (%s): check DISCORD_TOKEN", api, rest.Response.Status)
			}
			return fmt.Errorf("connect to Discord at %s: %w", api, err)
		}
		b.log.WarnContext(ctx, "Discord unreachable; retrying", "api_url", api, "attempt", attempt, "retry_in", wait, "err", err)
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return fmt.Errorf("connect to Discord at %s: %w", api, ctx.Err())
		case <-t.C:
		}
		wait = min(2*wait, connectRetryMax)
	}
}

// namedURL makes the URLs of a failed request's error the ones actually
// used: discordgo builds its requests on https://discord.com/api/v9/, and
// the session's transport sends them to apiURL when it is set.
func namedURL(err error, apiURL string) error {
	var ue *url.Error
	if apiURL != "" && errors.As(err, &ue) && strings.HasPrefix(ue.URL, discordgo.EndpointAPI) {
		ue.URL = apiURL + strings.TrimPrefix(ue.URL, discordgo.EndpointAPI)
	}
	return err
}

// shutdown stops taking events, drains the HTTP requests in flight,
// waits for the replies in progress and closes the session.
func (b *Bot) shutdown(ctx context.Context, t *transports) {
	b.log.InfoContext(ctx, "shutting down", "in_flight", b.inflight.close())
	if t.srv != nil {
		// Shutdown closes the listener and the idle connections, and
		// would wait up to 5 s for connections that never sent a request
		// (a client's spare ones): the drain ends instead as soon as the
		// requests being handled have their responses, and Close ends the
		// rest.
		dctx, cancel := context.WithCancel(ctx)
		go func() {
			defer cancel()
			b.requests.wait(dctx, drainTimeout)
		}()
		if err := t.srv.Shutdown(dctx); err != nil && !errors.Is(err, context.Canceled) {
			b.log.WarnContext(ctx, "draining the interactions endpoint", "err", err)
		}
		cancel()
		if err := t.srv.Close(); err != nil {
			b.log.WarnContext(ctx, "closing the interactions endpoint", "err", err)
		}
		if err := <-t.served; err != nil && !errors.Is(err, http.ErrServerClosed) {
			b.log.WarnContext(ctx, "interactions endpoint", "err", err)
		}
	}
	b.inflight.wait()
	if t.gateway {
		if err := t.s.Close(); err != nil {
			b.log.WarnContext(ctx, "closing the gateway session", "err", err)
		}
	}
	b.log.InfoContext(ctx, "stopped", "dropped", b.inflight.dropped.Load())
}

// inflight counts the events being handled, so that shutdown can wait for
// them, and refuses new ones once closed. Every event handler goes through
// it, so nothing is logged after Run returns.
type inflight struct {
	mu      sync.Mutex
	closed  bool
	n       int
	wg      sync.WaitGroup
	dropped atomic.Int64 // events refused while shutting down
}

// start registers an event; false means the bot is shutting down.
func (f *inflight) start() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.closed {
		f.dropped.Add(1)
		return false
	}
	f.n++
	f.wg.Add(1)
	return true
}

// done ends an event registered by start.
func (f *inflight) done() {
	f.mu.Lock()
	f.n--
	f.mu.Unlock()
	f.wg.Done()
}

// close refuses new events and returns how many are in progress.
func (f *inflight) close() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.closed = true
	return f.n
}

// wait waits for the events in progress.
func (f *inflight) wait() { f.wg.Wait() }
