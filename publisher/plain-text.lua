-- Pandoc filter for the plain-text email (publisher/pandoc.py: html_to_text), in passes.
--
-- 1. Footnotes: bodies carry pandoc's footnotes as HTML (a.footnote-ref → the item of
--    div.footnotes with that id) without the ARIA roles pandoc's HTML reader recognises
--    them by (the sanitiser drops roles). They become notes again, so the text shows
--    "[^1]" and the note under the article, not a stray superscript and a list with "↩".
-- 2. Text only: images become their alt text, as a reader with images off would see them;
--    links within the message (#contents) keep only their text; tables wider than the
--    text get equal column widths, so pandoc wraps their cells.
-- 3. Links become numbered references: "the report [3]" in the text, "[3]: https://…"
--    listed by pandoc's reference-link writer after each top-level block (each article
--    is one <div>). Numbers run in the order pandoc lists them: a block's text, then its
--    notes. A URL keeps its number wherever it recurs. A link that is its own text stays
--    inline as <https://…>.

local notes = {
  Pandoc = function(doc)
    local bodies = {}
    local function is_footnotes(div)
      return div.classes:includes("footnotes")
    end
    local function without_back_links(blocks)
      return blocks:walk({
        Link = function(link)
          if link.classes:includes("footnote-back") then
            return {}
          end
        end,
      })
    end
    doc:walk({
      Div = function(div)
        if is_footnotes(div) then
          div:walk({
            Div = function(item)
              if item.identifier ~= "" then
                bodies[item.identifier] = without_back_links(item.content)
              end
            end,
          })
        end
      end,
    })
    return doc:walk({
      Div = function(div)
        if is_footnotes(div) then
          return {}
        end
      end,
      Link = function(link)
        local body = bodies[link.target:sub(2)]
        if link.classes:includes("footnote-ref") and body then
          return pandoc.Note(body)
        end
      end,
    })
  end,
}

local function natural_width(tbl)
  local widest = {}
  local function measure(rows)
    for _, row in ipairs(rows) do
      for i, cell in ipairs(row.cells) do
        local length = utf8.len(pandoc.utils.stringify(cell.contents)) or 0
        widest[i] = math.max(widest[i] or 0, length)
      end
    end
  end
  measure(tbl.head.rows)
  for _, body in ipairs(tbl.bodies) do
    measure(body.body)
  end
  measure(tbl.foot.rows)
  local total = 0
  for _, length in pairs(widest) do
    total = total + length + 2
  end
  return total
end

local text_only = {
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

  Table = function(tbl)
    if natural_width(tbl) <= PANDOC_WRITER_OPTIONS.columns then
      return nil
    end
    for i, spec in ipairs(tbl.colspecs) do
      tbl.colspecs[i] = { spec[1], 1 / #tbl.colspecs }
    end
    return tbl
  end,
}

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
      block = block:walk({
        traverse = "topdown",
        Note = function(note)
          return note, false
        end,
        Link = reference,
      })
      doc.blocks[i] = block:walk({
        Note = function(note)
          return note:walk({ traverse = "topdown", Link = reference })
        end,
      })
    end
    return doc
  end,
}

return { notes, text_only, references }
