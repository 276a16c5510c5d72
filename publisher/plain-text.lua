-- Pandoc filter for the plain-text email (publisher/pandoc.py: html_to_text), in passes.
-- Pandoc writes the text as Markdown (for its lists and reference links), but a reader
-- sees plain text: no Markdown syntax may show.
--
-- 1. Footnotes: bodies carry pandoc's footnotes as HTML (a.footnote-ref → the item of
--    div.footnotes with that id). The mark becomes a superscript number ("strike.¹") and
--    each note a paragraph under the article starting with its number, without "↩". A
--    call in other digits than 0–9 (a Farsi note's "۱": publisher/numerals.py), which
--    Unicode has no superscripts of, stays as it is, and its note opens with it.
-- 2. Text only: a heading is its words on a line of their own, a blank line around them
--    (two above the issue's, the sections' and the articles' titles, <h1> and <h2> of
--    text.html), as mail programs' users know headings in a text part: neither Markdown's
--    "### " nor lines of "====" under it, which a screen reader reads out;
--    images become their alt text, as a reader with images off would see them,
--    a figure's caption under it;
--    links within the message (#contents) keep only their text; a table is its caption
--    and a list of its rows, each value after its heading; bold reads *like this*,
--    as emphasis does, struck words ~~like this~~ (a chat's correction, "bring
--    ~~placards~~ banners": unmarked, it read the reverse); superscript digits are
--    Unicode's, other marks of style are dropped.
-- 3. Links become numbered references: "the report [3]" in the text, "[3]: https://…"
--    listed by pandoc's reference-link writer after each top-level block (each article
--    is one <div>). Numbers run in the order of the text. A URL keeps its number wherever
--    it recurs. A link that is its own text stays inline as <https://…>.
-- 4. Words are written as they are: Markdown would escape [ ] | * _ \ with backslashes.
-- 5. A code block after a list is set apart by a blank line, not pandoc's `&nbsp;` line.
-- 6. A block the email renderer tagged right to left (U+E000 opening its text) is one line,
--    wrapped where the text is: the mail program wraps it, each line its own way.
-- 7. A break between an article's parts (an <hr> in its <div>) is "*   *   *" in the middle
--    of the line, as plain-text books set one: pandoc's line of dashes across the text is
--    what sets the footer apart (text.html), and a break inside an article read as its end.

local SUPERSCRIPT = {
  ["0"] = "⁰", ["1"] = "¹", ["2"] = "²", ["3"] = "³", ["4"] = "⁴",
  ["5"] = "⁵", ["6"] = "⁶", ["7"] = "⁷", ["8"] = "⁸", ["9"] = "⁹",
}

local function superscript(text)
  if not text:match("^%d+$") then
    return nil
  end
  return (text:gsub("%d", SUPERSCRIPT))
end

local notes = {
  Pandoc = function(doc)
    local function without_back_links(blocks)
      return blocks:walk({
        Link = function(link)
          if link.classes:includes("footnote-back") then
            return {}
          end
        end,
      })
    end
    local calls = {}
    doc:walk({
      Link = function(link)
        if link.classes:includes("footnote-ref") then
          calls[link.target:sub(2)] = pandoc.utils.stringify(link.content)
        end
      end,
    })
    local function numbered(number, id, blocks)
      blocks = without_back_links(blocks)
      local first = blocks[1]
      local call = calls[id] ~= "" and calls[id] or tostring(number)
      local mark = pandoc.Str(superscript(call) or call)
      if first and (first.t == "Para" or first.t == "Plain") then
        first.content:insert(1, pandoc.Space())
        first.content:insert(1, mark)
      else
        blocks:insert(1, pandoc.Para({ mark }))
      end
      return blocks
    end
    return doc:walk({
      Div = function(div)
        if not div.classes:includes("footnotes") then
          return nil
        end
        local kept, number = pandoc.Blocks({}), 0
        div:walk({
          Div = function(item)
            if item.identifier ~= "" then
              number = number + 1
              kept:extend(numbered(number, item.identifier, item.content))
            end
          end,
        })
        return kept
      end,
      Link = function(link)
        if link.classes:includes("footnote-ref") then
          local mark = superscript(pandoc.utils.stringify(link.content))
          return mark and pandoc.Str(mark) or link.content
        end
      end,
    })
  end,
}

-- The punctuation a table's rows are written with, in the language of the text they are in:
-- Arabic script's own comma and semicolon ("،", "؛") in Arabic, Farsi, Urdu… (the languages
-- html_to_text passes as the metadata `arabic-script`, model.ARABIC_SCRIPT_LANGUAGES).
local LATIN = { comma = ",", semicolon = ";" }
local ARABIC = { comma = "،", semicolon = "؛" }

-- A list in a table's cell (a table from Word) as its items' words, a comma between them:
-- pandoc.utils.blocks_to_inlines ran them together ("GlovesBoots").
local function items_apart(list, marks)
  local words = pandoc.Inlines({})
  for i, item in ipairs(list.content) do
    if i > 1 then
      words:extend({ pandoc.Str(marks.comma), pandoc.Space() })
    end
    words:extend(pandoc.utils.blocks_to_inlines(item, { pandoc.Space() }))
  end
  return pandoc.Plain(words)
end

local table_rows -- below: a table's rows, each as its line of words

-- A cell's text as inlines. A table in it (a rota's shifts in its day's row) is its rows,
-- each in brackets, a comma between them: run into the row's line with the row's own
-- semicolons, its rows could not be told from the outer row's values.
local function cell_words(blocks, marks)
  local flat = blocks:walk({
    Table = function(tbl)
      local words = pandoc.Inlines({})
      for i, line in ipairs(table_rows(tbl, marks)) do
        if i > 1 then
          words:extend({ pandoc.Str(marks.comma), pandoc.Space() })
        end
        words:insert(pandoc.Str("("))
        words:extend(line)
        words:insert(pandoc.Str(")"))
      end
      return pandoc.Plain(words)
    end,
    BulletList = function(list)
      return items_apart(list, marks)
    end,
    OrderedList = function(list)
      return items_apart(list, marks)
    end,
  })
  return pandoc.utils.blocks_to_inlines(flat, { pandoc.Space() })
end

-- The punctuation of a row whose words, with its headings', are all in one script: an
-- English table quoted in an Arabic article keeps ";" ("Grade: A; Claim: £13.15"). A row
-- of both scripts, or of neither (figures), has that of the language it is in (`marks`).
local function row_marks(row, headings_text, marks)
  local text = headings_text
  for _, cell in ipairs(row.cells) do
    text = text .. " " .. pandoc.utils.stringify(cell.contents)
  end
  -- Arabic script in UTF-8: U+0600–06FF, U+0750–077F, and its presentation forms
  local arabic = text:find("[\216-\219\221]") or text:find("\239[\173-\187]")
  local latin = text:find("%a")
  if arabic and not latin then
    return ARABIC
  elseif latin and not arabic then
    return LATIN
  end
  return marks
end

-- Each cell of `rows` as {column = its first column, words = its text as inlines}, a cell
-- spanning rows above counted in the columns it covers; each row's punctuation (row_marks)
-- as its `marks`.
local function placed_cells(rows, marks, headings_text)
  local placed, covered = {}, {}
  for _, row in ipairs(rows) do
    local cells, column = { marks = row_marks(row, headings_text, marks) }, 1
    for _, cell in ipairs(row.cells) do
      while (covered[column] or 0) > 0 do
        column = column + 1
      end
      cells[#cells + 1] = {
        column = column,
        words = cell_words(cell.contents, cells.marks),
      }
      for spanned = column, column + cell.col_span - 1 do
        covered[spanned] = cell.row_span
      end
      column = column + cell.col_span
    end
    for spanned, rows_left in pairs(covered) do
      covered[spanned] = rows_left - 1
    end
    placed[#placed + 1] = cells
  end
  return placed
end

-- A table's rows, each a line of words: each value after its column's heading ("Grade:
-- Cleaner; Hourly pay: £11.44"), an empty cell left out; an empty row is no line.
table_rows = function(tbl, marks)
  local headings = {}
  for _, cells in ipairs(placed_cells(tbl.head.rows, marks, "")) do
    for _, cell in ipairs(cells) do
      headings[cell.column] = cell.words
    end
  end
  local rows = pandoc.List({})
  for _, body in ipairs(tbl.bodies) do
    rows:extend(body.head)
    rows:extend(body.body)
  end
  rows:extend(tbl.foot.rows)
  if #rows == 0 then -- headings alone: they are the table's text
    rows, headings = tbl.head.rows, {}
  end
  local headings_text = pandoc.utils.stringify(tbl.head)
  local lines = pandoc.List({})
  for _, cells in ipairs(placed_cells(rows, marks, headings_text)) do
    local line = pandoc.Inlines({})
    for _, cell in ipairs(cells) do
      if #cell.words > 0 then
        if #line > 0 then
          line:extend({ pandoc.Str(cells.marks.semicolon), pandoc.Space() })
        end
        local heading = headings[cell.column]
        if heading and #heading > 0 then
          line:extend(heading:clone())
          line:extend({ pandoc.Str(":"), pandoc.Space() })
        end
        line:extend(cell.words)
      end
    end
    if #line > 0 then
      lines:insert(line)
    end
  end
  return lines
end

-- A table read row by row, as a screen reader reads a line: its caption, then each row an
-- item of a list. Pandoc's columns had a rule of dashes under the headings and the caption
-- after them ("  : …"), the headings far above their values.
local function table_as_rows(tbl, marks)
  local items = pandoc.List({})
  for _, line in ipairs(table_rows(tbl, marks)) do
    items:insert({ pandoc.Plain(line) })
  end
  local blocks = pandoc.Blocks(tbl.caption.long)
  blocks:insert(pandoc.BulletList(items))
  return blocks
end

-- Every table as its rows (table_as_rows), written with the punctuation of the language of
-- the text it is in: the nearest element with a lang around it (each article's <div>).
local tables = {
  Pandoc = function(doc)
    local arabic = {}
    for language in pandoc.utils.stringify(doc.meta["arabic-script"] or ""):gmatch("%S+") do
      arabic[language] = true
    end
    local function in_language(blocks, marks)
      return blocks:walk({
        traverse = "topdown",
        Div = function(div)
          local language = div.attributes.lang
          if not language or language == "" then
            return nil
          end
          local own = arabic[language:match("^[^-_]+"):lower()] and ARABIC or LATIN
          div.content = in_language(div.content, own)
          return div, false
        end,
        Table = function(tbl)
          return table_as_rows(tbl, marks), false
        end,
      })
    end
    doc.blocks = in_language(doc.blocks, LATIN)
    return doc
  end,
}

-- The tags of a block's direction the email renderer opens its text with (U+E000 right to
-- left, U+E001 left to right: _blocks_tagged), which become direction marks afterwards.
local DIRECTION_TAGS = { "\u{E000}", "\u{E001}" }

-- `text` without its direction tags: a right-to-left issue's caption opens with one, which
-- its picture's alt text does not, and the two were told apart.
local function untagged(text)
  for _, tag in ipairs(DIRECTION_TAGS) do
    text = text:gsub(tag, "")
  end
  return text
end

-- A figure: its picture as its alt text and its caption (its words, a credit) under it, or
-- the caption alone in brackets where the alt text is missing or says the same.
local figures = {
  Figure = function(figure)
    local caption = untagged(pandoc.utils.stringify(figure.caption.long))
    if caption == "" then
      return figure.content
    end
    local shown = false
    local content = figure.content:walk({
      Image = function(image)
        local alt = pandoc.utils.stringify(image.caption)
        if alt == caption then
          image.caption = {}
        end
        shown = shown or (alt ~= "" and alt ~= caption)
        return image
      end,
    })
    local words = pandoc.Inlines({})
    for i, block in ipairs(figure.caption.long) do
      if i > 1 then
        words:insert(pandoc.Space())
      end
      words:extend(block.content or pandoc.Inlines(pandoc.utils.stringify(block)))
    end
    if not shown then
      words:insert(1, pandoc.Str("("))
      words:insert(pandoc.Str(")"))
    end
    content:insert(pandoc.Para(words))
    return content
  end,
}

local text_only = {
  Header = function(heading)
    local blocks = pandoc.Blocks({ pandoc.Para(heading.content) })
    if heading.level <= 2 then
      blocks:insert(1, pandoc.RawBlock("markdown", "\n")) -- one more blank line above
    end
    return blocks
  end,
  Strong = function(strong)
    return pandoc.Emph(strong.content)
  end,
  Superscript = function(sup)
    local digits = superscript(pandoc.utils.stringify(sup.content))
    return digits and pandoc.Str(digits) or sup.content
  end,
  Subscript = function(sub)
    return sub.content
  end,
  Strikeout = function(struck) -- ~~struck~~: printed as any other words, it said the reverse
    local marked = pandoc.Inlines({ pandoc.Str("~~") })
    marked:extend(struck.content)
    marked:insert(pandoc.Str("~~"))
    return marked
  end,
  Underline = function(underlined)
    return underlined.content
  end,
  SmallCaps = function(small)
    return small.content
  end,

  Image = function(image)
    local alt = pandoc.utils.stringify(image.caption)
    if alt == "" then
      return {}
    end
    return pandoc.Inlines("(" .. alt .. ")")
  end,

  Link = function(link)
    if link.target:sub(1, 1) == "#" then
      return link.content
    end
  end,
}

-- A paragraph that held only a picture without alt text (text_only took it out): its
-- direction's tag alone, which became a line of a mark alone. A left-to-right issue's
-- untagged one pandoc writes as nothing.
local function kept_if_words(block)
  local text = pandoc.utils.stringify(block)
  if text ~= untagged(text) and untagged(text):match("^%s*$") then
    return {}
  end
end

local no_bare_tags = { Para = kept_if_words, Plain = kept_if_words }

local numbers, count = {}, 0

local function reference(link)
  local text = pandoc.utils.stringify(link.content)
  if text == link.target or "mailto:" .. text == link.target then
    return pandoc.Link(link.content, link.target), false -- attributes would block <…>
  end
  if not numbers[link.target] then
    count = count + 1
    numbers[link.target] = count
  end
  local content = link.content
  content:insert(pandoc.Space())
  content:insert(pandoc.Link(tostring(numbers[link.target]), link.target))
  return content, false
end

local references = {
  Pandoc = function(doc)
    for i, block in ipairs(doc.blocks) do
      doc.blocks[i] = block:walk({ traverse = "topdown", Link = reference })
    end
    return doc
  end,
}

local as_written = {
  traverse = "topdown",
  Link = function(link)
    return link, false -- a link's text decides whether pandoc writes <https://…>
  end,
  Str = function(str)
    if str.text:find("%p") then -- a word without punctuation is written as it is anyway
      return pandoc.RawInline("markdown", str.text)
    end
  end,
}

-- A code block right after a list: pandoc's Markdown writer puts a line `&nbsp;` between
-- them (so that Markdown would not read the code as the last item's), which a reader sees.
-- An empty block between them is no list then code to the writer: a blank line, no more.
local code_after_lists = {
  Blocks = function(blocks)
    local apart = pandoc.Blocks({})
    for i, block in ipairs(blocks) do
      apart:insert(block)
      local next = blocks[i + 1]
      local list = block.t == "BulletList" or block.t == "OrderedList"
      if list and next and next.t == "CodeBlock" then
        apart:insert(pandoc.RawBlock("markdown", ""))
      end
    end
    return apart
  end,
}

-- A block tagged right to left (publisher/renderers/email: _blocks_tagged) with its spaces
-- as words, which pandoc does not break a line at: wrapped at 72 columns in an English
-- issue, an Arabic paragraph's lines each started at the left, its full stop at the start.
local RIGHT_TO_LEFT = "\u{E000}"

local function unbroken(block)
  if pandoc.utils.stringify(block):sub(1, #RIGHT_TO_LEFT) ~= RIGHT_TO_LEFT then
    return nil
  end
  return block:walk({
    Space = function()
      return pandoc.Str(" ")
    end,
    SoftBreak = function()
      return pandoc.Str(" ")
    end,
  })
end

local right_to_left_unwrapped = { Para = unbroken, Plain = unbroken }

local BREAK = "*   *   *"
local breaks = {
  Div = function(div)
    return div:walk({
      HorizontalRule = function()
        local indent = math.max(0, (PANDOC_WRITER_OPTIONS.columns - #BREAK) // 2)
        return pandoc.RawBlock("markdown", string.rep(" ", indent) .. BREAK)
      end,
    })
  end,
}

return {
  notes,
  figures,
  tables,
  text_only,
  no_bare_tags,
  references,
  right_to_left_unwrapped,
  as_written,
  code_after_lists,
  breaks,
}
