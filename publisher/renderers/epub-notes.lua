-- Pandoc filter for the EPUB (renderers/epub.py): each article's footnotes stay at the end
-- of the article, numbered as its body numbers them (from 1, in its language's digits), and
-- are marked as e-readers expect to pop them up: the call as <a epub:type="noteref"
-- role="doc-noteref">, each note as <aside epub:type="footnote" role="doc-footnote">
-- opening with its number, a link back to the call (role="doc-backlink").
--
-- Bodies carry their notes as pandoc's HTML (a.footnote-ref → the item of div.footnotes
-- with that id), which pandoc's HTML reader takes for links and a list. Pandoc's own notes
-- are not used: its EPUB writer numbers them through the whole chapter (a section of
-- several articles) and gathers them at the chapter's end, unnumbered, with no way back.
-- An <aside> is written raw: pandoc writes every div as a <div>.

local function attribute(text)
  return text:gsub("&", "&amp;"):gsub('"', "&quot;"):gsub("<", "&lt;")
end

-- `id` as an XML id may be written: pandoc's EPUB writer puts "id_" before an id that does
-- not open with a letter (a document named 2024-strike) in what it writes, but not in the
-- raw <aside> written here, so the call led nowhere (RSC-012). Given it here to both the
-- call and its note, pandoc leaves it as it is.
local function xml_id(id)
  if id:match("^[A-Za-z]") then
    return id
  end
  return "id_" .. id
end

-- The note's blocks without pandoc's "↩" link (the number leads back instead).
local function without_back_links(blocks)
  return blocks:walk({
    Link = function(link)
      if link.classes:includes("footnote-back") then
        return {}
      end
    end,
  })
end

-- `blocks` opening with the note's number, a link back to its call when there is one.
local function numbered(blocks, number, call)
  local label = pandoc.Inlines({ pandoc.Str(number) })
  if call then
    local back = pandoc.Attr("", {}, { { "role", "doc-backlink" } })
    label = pandoc.Inlines({ pandoc.Link(label, "#" .. call, "", back) })
  end
  local first = blocks[1]
  if first and (first.t == "Para" or first.t == "Plain") then
    first.content = label .. { pandoc.Str("."), pandoc.Space() } .. first.content
    return blocks
  end
  return pandoc.Blocks({ pandoc.Plain(label .. { pandoc.Str(".") }) }) .. blocks
end

-- The block of notes `footnotes` as asides at the end of its article, each numbered as its
-- call (`calls`: note id → {id, number}); a note nobody calls is numbered by its place.
local function asides(footnotes, calls)
  local section = '<section class="footnotes" epub:type="footnotes">'
  local blocks = pandoc.Blocks({ pandoc.RawBlock("html", section) })
  local place = 0
  for _, list in ipairs(footnotes.content) do
    for _, item in ipairs(list.t == "OrderedList" and list.content or {}) do
      local note = item[1] -- the <li id> as pandoc reads it: a div holding the note
      place = place + 1
      if #item == 1 and note.t == "Div" and note.identifier ~= "" then
        local call = calls[note.identifier]
        local number = call and call.number or tostring(place)
        local id = attribute(xml_id(note.identifier))
        local aside = '<aside id="' .. id .. '" epub:type="footnote" role="doc-footnote">'
        blocks:insert(pandoc.RawBlock("html", aside))
        blocks:extend(numbered(without_back_links(note.content), number, call and call.id))
        blocks:insert(pandoc.RawBlock("html", "</aside>"))
      else
        blocks:extend(item)
      end
    end
  end
  blocks:insert(pandoc.RawBlock("html", "</section>"))
  return blocks
end

-- `container` (an article's body, the editorial) with its block of notes made asides and
-- its calls note references, or nil when it holds no block of notes of its own.
local function with_notes(container)
  local has_notes = false
  for _, block in ipairs(container.content) do
    has_notes = has_notes or (block.t == "Div" and block.classes:includes("footnotes"))
  end
  if not has_notes then
    return nil -- unchanged
  end
  local calls = {}
  container = container:walk({
    Link = function(link)
      local id = link.target:match("^#(.+)$")
      if id and link.classes:includes("footnote-ref") then -- its letters: epub-links.lua
        local call = link.identifier ~= "" and link.identifier or nil
        calls[id] = { id = call, number = pandoc.utils.stringify(link.content) }
        link.target = "#" .. xml_id(id)
        link.attributes["epub:type"] = "noteref"
        link.attributes["role"] = "doc-noteref"
        return link
      end
    end,
  })
  local content = pandoc.Blocks({})
  for _, block in ipairs(container.content) do
    if block.t == "Div" and block.classes:includes("footnotes") then
      content:extend(asides(block, calls))
    else
      content:insert(block)
    end
  end
  container.content = content
  return container
end

return {
  { Div = with_notes },
}
