package discordtest

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"
)

// The fake as Discord's side of the HTTP interactions endpoint: it holds
// the application's key pair, signs each interaction it sends and POSTs it
// to the bot's endpoint, and takes the HTTP response as the interaction's
// response (recorded as the callback request it replaces, so WaitCallback,
// WaitReply and the checks work as over the gateway). Edits and follow-ups
// come through the webhook API as before.

// PublicKey is the application's public key, for the bot's
// DISCORD_PUBLIC_KEY.
func (s *Server) PublicKey() ed25519.PublicKey { return s.key.Public().(ed25519.PublicKey) }

// PublicKeyHex is PublicKey in hexadecimal, as the developer portal shows it.
func (s *Server) PublicKeyHex() string { return hex.EncodeToString(s.PublicKey()) }

// Sign returns the X-Signature-Ed25519 header of body sent at timestamp
// (the X-Signature-Timestamp header: Unix seconds), signed with the
// application's key.
func (s *Server) Sign(timestamp string, body []byte) string {
	return Sign(s.key, timestamp, body)
}

// Sign returns the X-Signature-Ed25519 header of body sent at timestamp,
// signed with key.
func Sign(key ed25519.PrivateKey, timestamp string, body []byte) string {
	msg := append([]byte(timestamp), body...)
	return hex.EncodeToString(ed25519.Sign(key, msg))
}

// UseEndpoint makes SendInteraction deliver interactions to url, the bot's
// Interactions Endpoint URL, as signed HTTP POSTs instead of gateway
// events. Messages (SendMessage) still go through the gateway.
func (s *Server) UseEndpoint(url string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.endpoint = url
}

// HTTPResponse is the response of the bot's endpoint to one request.
type HTTPResponse struct {
	Status int
	Body   []byte
}

// PostSigned POSTs body to url, signed with the application's key at the
// current time, and returns the response. Like Discord, the fake keeps its
// connections to the endpoint open between requests.
func (s *Server) PostSigned(ctx context.Context, url string, body []byte) (HTTPResponse, error) {
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	return post(ctx, s.client, url, body, http.Header{
		"X-Signature-Ed25519":   {s.Sign(ts, body)},
		"X-Signature-Timestamp": {ts},
	})
}

// Post POSTs body to url with the given headers, as Discord sends an
// interaction, and returns the response.
func Post(ctx context.Context, url string, body []byte, h http.Header) (HTTPResponse, error) {
	return post(ctx, http.DefaultClient, url, body, h)
}

func post(ctx context.Context, client *http.Client, url string, body []byte, h http.Header) (HTTPResponse, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return HTTPResponse{}, err
	}
	for k, v := range h {
		req.Header[k] = v
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "Discord-Interactions/1.0 (+https://discord.com)")
	resp, err := client.Do(req)
	if err != nil {
		return HTTPResponse{}, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return HTTPResponse{}, fmt.Errorf("read the response of %s: %w", url, err)
	}
	return HTTPResponse{Status: resp.StatusCode, Body: data}, nil
}

// deliver POSTs the prepared interaction to its endpoint and takes the
// response as its callback.
func (s *Server) deliver(ctx context.Context, p *Prepared) {
	ic := &p.ic
	defer func() {
		s.mu.Lock()
		if in := s.interactions[ic.Token]; in != nil {
			in.delivering = false
		}
		s.notify()
		s.mu.Unlock()
	}()
	resp, err := post(ctx, s.client, p.endpoint, p.body, http.Header{
		"X-Signature-Ed25519":   {p.sig},
		"X-Signature-Timestamp": {p.ts},
	})
	arrived := time.Now()
	if err != nil {
		if ctx.Err() == nil {
			s.failf("interaction %s over HTTP: %v", ic.ID, err)
		}
		return
	}
	path := "interactions/" + ic.ID + "/" + ic.Token + "/callback"
	status := http.StatusNoContent
	if resp.Status != http.StatusOK {
		s.failf("interaction %s over HTTP: status %d: %s", ic.ID, resp.Status, bytes.TrimSpace(resp.Body))
		status = resp.Status
	} else {
		status, _ = s.serveCallback(ic.ID, ic.Token, resp.Body)
	}
	s.mu.Lock()
	if in := s.interactions[ic.Token]; in != nil {
		in.delivering = false
	}
	s.requests = append(s.requests, Request{
		Seq: len(s.requests) + 1, Method: http.MethodPost, Path: path,
		Header: http.Header{"X-Transport": {"http"}}, Body: resp.Body, Status: status, At: time.Now(), Arrived: arrived,
	})
	s.notify()
	s.mu.Unlock()
}

// responseLag bounds how long an edit or follow-up of an interaction sent
// over HTTP waits for the fake to have read the HTTP response: the bot
// sends the edit after writing the response, and Discord has it by then,
// but the fake's delivering goroutine may not have recorded it yet.
const responseLag = 2 * time.Second

// awaitResponse waits, for an interaction sent over HTTP whose POST is
// still in flight, until its response is recorded (or responseLag).
func (s *Server) awaitResponse(token string) {
	ctx, cancel := context.WithTimeout(s.stopCtx, responseLag)
	defer cancel()
	_ = s.wait(ctx, func() bool {
		in := s.interactions[token]
		return in == nil || !in.delivering || in.callbacks > 0
	})
}
