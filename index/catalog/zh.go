package catalog

// chinese is the Chinese (simplified) catalogue. Chinese does not inflect
// for number: its counting entries have one form.
var chinese = map[Key]msg{
	NotFound:      {text: "我在峰会文件中没有找到相关内容。"},
	Scope:         {text: "我的回答依据法新社关于第二届中国—中亚峰会（2025年6月17日，阿斯塔纳）的报道和背景资料，内容包括：各国领导人、条约和宣言、贸易、中吉乌铁路、霍尔果斯、哈萨克斯坦的核电计划，以及在西安举行的首届峰会。"},
	TryOtherWords: {text: "请换个说法，或用 `/search` 查找提到这些词的段落。"},
	FooterAnswer:  {text: "summitbot 只根据自己的文件作答 · 用 /source 阅读原文"},
	ReadAs:        {text: "理解为："},

	ButtonMore:     {text: "更多段落"},
	ButtonSource:   {text: "查看原文"},
	ButtonFollowUp: {text: "追问"},
	FeedbackThanks: {text: "感谢您的反馈！"},
	MoreNone:       {text: "没有更多段落了。"},
	MoreRange:      {text: "第 %d–%d 段"},
	FollowUpTitle:  {text: "追问"},
	FollowUpLabel:  {text: "您的追问"},
	FollowUpAfter:  {text: "接着问：%s"},
	FollowUpEmpty:  {text: "请输入您的追问。"},

	SearchNone:     {text: "没有匹配的段落。请换个说法。"},
	SearchNoMore:   {text: "没有更多结果了。"},
	SearchFooter:   {text: "第 %d 页 · 第 %d–%d 条结果"},
	ButtonPrevious: {text: "◀ 上一页"},
	ButtonNext:     {text: "下一页 ▶"},

	FieldOutlet:     {text: "媒体"},
	FieldPublished:  {text: "发布日期"},
	FieldAuthor:     {text: "作者"},
	FieldKind:       {text: "类型"},
	FieldParagraphs: {text: "段落数"},
	FieldID:         {text: "编号"},
	FieldSources:    {text: "来源"},
	ParagraphOf:     {text: "第 %d 段，共 %d 段"},
	DocumentMore:    {text: "还有 %d 段：在 `/source` 中加上 `paragraph:` 即可阅读其中一段。"},

	AboutTitle: {text: "关于 summitbot"},
	AboutText: {text: "我根据一小批可信文件回答有关第二届中国—中亚峰会（2025年6月17日，阿斯塔纳）的问题，" +
		"并注明每个答案的出处。文件中没有的内容，我会如实说明。\n\n" +
		"我能理解英语、俄语、汉语和哈萨克语的问题，并用提问的语言回复；我引用的段落保持英文原文。\n\n" +
		"**/ask** `question` — 附带引文的回答（`private: True` 仅自己可见）\n" +
		"**/search** `query` — 逐页列出匹配的段落\n" +
		"**/source** `document` `[paragraph]` — 阅读一份文件，或查看某一段及其上下文\n" +
		"**@summitbot** 加上你的问题 — 在频道、子区和私信中以回复的形式给出同样的回答"},
	AboutFooter:    {text: "答案的可靠程度取决于文件本身：请核对引文。"},
	FieldDocuments: {text: "文件"},
	FieldPassages:  {text: "段落"},
	FieldUpdated:   {text: "最近更新"},
	FieldRead:      {text: "我读过的文件"},
	Unknown:        {text: "未知"},
	AndMore:        {text: "……还有 %d 份"},

	RateLimited:     {text: "您提问的速度太快，我跟不上了——请 %d 秒后再试。"},
	Sorry:           {text: "抱歉，我这边出了点问题。请稍后再试。"},
	Timeout:         {text: "抱歉，处理时间太长了。请再试一次，或者把问题说得简短一些。"},
	NoQuestion:      {text: "请输入问题。"},
	NoQuery:         {text: "请输入要查找的词。"},
	NoDocument:      {text: "请选择一份文件。"},
	UnknownDocument: {text: "我没有名为 %q 的文件。请在输入时从列表中选择。"},
	ParagraphRange:  {text: "%q 共有 %d 段：请选择 1 到 %d 之间的段号。"},
	UnknownCommand:  {text: "我已经不支持 /%s 了。试试 /about。"},
	OldButton:       {text: "这个按钮来自我的旧版本。请重新提问。"},
	OldForm:         {text: "这个表单来自我的旧版本。没有做任何更改，请重新开始。"},
	QuestionGone:    {text: "找不到这个按钮对应的问题。请重新提问。"},
	DocumentGone:    {text: "这份文件已不在我的资料库中。"},
	MentionHelp:     {text: "请在提及我之后写下问题，例如：峰会在哪里举行？也可以试试 /about。"},
	QuestionEmpty:   {text: "问题是空的；请问一些关于峰会的事，例如：“峰会在哪里举行？”"},
	QuestionTooLong: {text: "问题长度为 %d 个字符，最多允许 %d 个。"},

	TermReadAs:    {text: "（理解为：%s）"},
	TermSources:   {text: "来源："},
	TermParagraph: {text: "第 %d 段"},
	TermUnder:     {text: "“%s”部分"},
	Hello: {text: "你好！我根据 %d 份可信文件回答有关第二届中国—中亚峰会（2025年6月17日，阿斯塔纳）的问题，" +
		"并注明每个答案的出处；文件中没有的内容，我会如实说明。" +
		"你可以这样问：“峰会在哪里举行？”或“习近平就关税战说了什么？”"},
	TermWelcome: {text: "summitbot：询问有关第二届中国—中亚峰会的问题（文件 %d 份，段落 %d 个）。\n" +
		"输入问题后按回车；方向键可调出之前的问题。\n" +
		"追问（“它有多长？”“再多说一点”）会接着前面的问题来理解；\n" +
		"输入 /new 或连续两个空行即可重新开始。\n" +
		"Ctrl-C 清空当前行；Ctrl-D 或在空行上按 Ctrl-C 退出。"},
	TermNew: {text: "（新的对话）"},

	CmdAsk:             {text: "提一个关于中国—中亚峰会的问题；回答会注明出处"},
	CmdAskQuestion:     {text: "你的问题，例如：条约是在哪里签署的？"},
	CmdAskPrivate:      {text: "只让你自己看到回答"},
	CmdSearch:          {text: "列出峰会文件中与关键词匹配的段落"},
	CmdSearchQuery:     {text: "要查找的词"},
	CmdSource:          {text: "阅读一份文件，或查看其中某一段及其上下文"},
	CmdSourceDocument:  {text: "文件（开始输入标题即可选择）"},
	CmdSourceParagraph: {text: "段落编号，会连同前后段落一起显示"},
	CmdAbout:           {text: "summitbot 知道什么、如何使用"},
}
