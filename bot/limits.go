package bot

// Discord's limits on what a bot sends, counted in characters (Unicode code
// points). Rendering respects them by construction; the tests check every
// message against them again with discordtest.CheckMessage.
const (
	maxContent          = 2000
	maxEmbedTitle       = 256
	maxEmbedDescription = 4096
	maxEmbedFields      = 25
	maxFieldName        = 256
	maxFieldValue       = 1024
	maxFooter           = 2048
	maxAuthorName       = 256
	maxEmbedTotal       = 6000
	maxEmbeds           = 10
	maxRows             = 5
	maxButtonsPerRow    = 5
	maxButtonLabel      = 80
	maxCustomID         = 100
	maxChoices          = 25
	maxChoiceName       = 100
	maxChoiceValue      = 100

	// Modals (components/reference: text input).
	maxModalTitle  = 45
	maxModalInputs = 5
	maxInputLabel  = 45
	maxInputValue  = 4000
	maxPlaceholder = 100
)
