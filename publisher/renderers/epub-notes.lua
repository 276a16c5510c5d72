-- Pandoc filter for the EPUB (renderers/epub.py): each article's footnotes become pandoc
-- notes, which the EPUB 3 writer marks as e-readers expect to pop them up: the call as
-- <a epub:type="noteref" role="doc-noteref">, the note as <aside epub:type="footnote"
-- role="doc-footnote">. Bodies carry their notes as pandoc's HTML (a.footnote-ref → the
-- item of div.footnotes with that id), which pandoc's HTML reader takes for a link and a
-- list. A block of notes is taken only when every one of its notes is called, so a note
-- is never lost. Its "↩" links go: a note that pops up over the text needs no way back.

local function without_back_links(blocks)
  return blocks:walk({
    Link = function(link)
      if link.classes:includes("footnote-back") then
        return {}
      end
    end,
  })
end

-- The ids of the notes called in `container`, and whether it holds a block of notes (one
-- walk: most articles have no notes, and each walk costs as much as the filter's work).
local function survey(container)
  local ids, has_notes = {}, false
  container:walk({
    Link = function(link)
      local id = link.target:match("^#(.+)$")
      if id and link.classes:includes("footnote-ref") then
        ids[id] = true
      end
    end,
    Div = function(div)
      has_notes = has_notes or div.classes:includes("footnotes")
    end,
  })
  return ids, has_notes
end

-- The notes of one div.footnotes by id, or nil when one of them is never called.
local function notes_of(footnotes, calls)
  local notes, complete = {}, true
  footnotes.content:walk({
    Div = function(item)
      if item.identifier ~= "" then
        notes[item.identifier] = without_back_links(item.content)
        complete = complete and calls[item.identifier] ~= nil
      end
    end,
  })
  return complete and notes or nil
end

-- `container` (an element or the document) with its notes made pandoc notes, or nil when
-- it has none. The writer gathers notes at the end of the chapter, outside the article, so
-- each note keeps the language and direction of `language` (the article's div) on a div of
-- its own.
local function with_notes(container, language)
  local calls, has_notes = survey(container)
  if not has_notes then
    return nil -- unchanged
  end
  local notes = {}
  container = container:walk({
    Div = function(div)
      local found = div.classes:includes("footnotes") and notes_of(div, calls)
      if found then
        for id, blocks in pairs(found) do
          notes[id] = blocks
        end
        return {}
      end
    end,
  })
  return container:walk({
    Link = function(link)
      local id = link.target:match("^#(.+)$")
      if id and notes[id] and link.classes:includes("footnote-ref") then
        if language then
          -- As pairs, in this order: a Lua table keyed by name has no order of its own (it
          -- changes from one run of pandoc to the next, and the EPUB's bytes with it).
          local attributes = {}
          for _, name in ipairs({ "lang", "dir" }) do
            if language.attributes[name] then
              table.insert(attributes, { name, language.attributes[name] })
            end
          end
          return pandoc.Note({ pandoc.Div(notes[id], pandoc.Attr("", {}, attributes)) })
        end
        return pandoc.Note(notes[id])
      end
    end,
  })
end

-- Innermost first: an article's notes in its language, then any others (the editorial's).
return {
  {
    Div = function(div)
      if div.attributes.lang then
        return with_notes(div, div)
      end
    end,
  },
  {
    Pandoc = function(doc)
      return with_notes(doc, nil)
    end,
  },
}
