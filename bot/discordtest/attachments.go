package discordtest

import (
	"net/http"
	"net/url"

	"github.com/bwmarrin/discordgo"
)

// attachmentsPath is where the fake serves attachments, like
// https://cdn.discordapp.com/attachments/{channel}/{id}/{filename}.
const attachmentsPath = "/attachments/"

// AddAttachment makes the fake serve data as an uploaded file and returns
// the attachment as Discord describes it in an interaction's resolved
// data (see WithAttachments): its URL on the fake, and its size. A test may
// change Size before use, to make the payload lie.
func (s *Server) AddAttachment(filename, contentType string, data []byte) *discordgo.MessageAttachment {
	s.mu.Lock()
	defer s.mu.Unlock()
	id := s.newID()
	p := attachmentsPath + "400/" + id + "/" + url.PathEscape(filename)
	s.attachments[p] = attachment{contentType: contentType, data: append([]byte(nil), data...)}
	return &discordgo.MessageAttachment{
		ID: id, Filename: filename, ContentType: contentType, Size: len(data),
		URL: s.hs.URL + p + "?ex=0&is=0&hm=fake", ProxyURL: s.hs.URL + p,
	}
}

// Downloads returns the URL paths of the attachments downloaded so far, in
// order.
func (s *Server) Downloads() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.downloads...)
}

// serveAttachment serves a file added with AddAttachment; anything else is
// a failure.
func (s *Server) serveAttachment(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	a, ok := s.attachments[r.URL.EscapedPath()]
	if ok && r.Method == http.MethodGet {
		s.downloads = append(s.downloads, r.URL.EscapedPath())
		s.notify()
	}
	s.mu.Unlock()
	if !ok || r.Method != http.MethodGet {
		s.failf("unknown attachment: %s %s", r.Method, r.URL.Path)
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", a.contentType)
	_, _ = w.Write(a.data)
}
