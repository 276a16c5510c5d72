-- Pandoc filter for Markdown written in Obsidian (publisher/pandoc.py: markdown_to_html,
-- run only on text that holds Obsidian's marks: %%, [! or [[). Wiki links and embedded
-- pictures are pandoc's own (the wikilinks_title_after_pipe extension); here:
--
-- 1. %%comments%% are left out, in a line or across paragraphs: Obsidian never shows
--    them, so they hold what is not for readers. (Code keeps its %%: it is no Str.) A
--    %% never closed leaves the text as it is, %% shown: Obsidian would hide the rest of
--    the note, but a typo must not take the end of a statement with it.
-- 2. Callouts (> [!note] Title) are quotes whose first line is their title in bold
--    (the callout's kind, Note, when it has none), not "[!note]" printed as written.
-- 3. An embedded picture (![[photo.png]], ![[photo.png|300]]) has no caption or alt
--    text that is only its file name or its width: as ![](photo.png), for the editor to
--    describe (the build warns about pictures without one).
-- 4. Anything else embedded (![[report.pdf]], ![[Another note]]), which Obsidian shows
--    inside the note, is a link to it, as [[report.pdf]] is: pandoc made a PDF an <embed>
--    that no output shows, and a note a picture of no format, each left out with a warning.
-- 5. A block's identifier (`We met on Tuesday. ^meeting-1`, or `^table-1` on a line of its
--    own under a table), which Obsidian adds for a link to the block and never shows, is
--    not printed: it is the block's anchor, `block-meeting-1` (an XML name, as the EPUB's
--    ids must be: `^` is none).
-- 6. A link to a heading or a block of a note ([[Note#Strike votes]], [[Note#^meeting-1]],
--    [[#Votes]]) leads to its anchor: the id pandoc gives that heading (`strike-votes`),
--    the block's. Its words, when the link has none of its own, are Obsidian's: "Note ›
--    Strike votes", or the note's name for a block, not "Note#^meeting-1".

local function strip_comments(inlines, hidden)
  local kept = pandoc.Inlines {}
  for _, inline in ipairs(inlines) do
    if inline.t == "Str" and inline.text:find("%%", 1, true) then
      local text, start, visible = inline.text, 1, ""
      while true do
        local at = text:find("%%", start, true)
        if not at then
          break
        end
        if not hidden then
          visible = visible .. text:sub(start, at - 1)
        end
        hidden = not hidden
        start = at + 2
      end
      if not hidden then
        visible = visible .. text:sub(start)
      end
      if visible ~= "" then
        kept:insert(pandoc.Str(visible))
      end
    elseif not hidden then
      kept:insert(inline)
    end
  end
  -- spaces left at either end by a comment taken out
  while #kept > 0 and (kept[1].t == "Space" or kept[1].t == "SoftBreak") do
    kept:remove(1)
  end
  while #kept > 0 and (kept[#kept].t == "Space" or kept[#kept].t == "SoftBreak") do
    kept:remove(#kept)
  end
  return kept, hidden
end

local without_comments

local function walk_items(items, hidden)
  local kept = {}
  for _, item in ipairs(items) do
    local blocks
    blocks, hidden = without_comments(item, hidden)
    if #blocks > 0 then
      table.insert(kept, blocks)
    end
  end
  return kept, hidden
end

without_comments = function(blocks, hidden)
  local kept = pandoc.Blocks {}
  for _, block in ipairs(blocks) do
    if block.t == "Para" or block.t == "Plain" or block.t == "Header" then
      local inlines
      inlines, hidden = strip_comments(block.content, hidden)
      if #inlines > 0 then
        block.content = inlines
        kept:insert(block)
      end
    elseif block.t == "BlockQuote" or block.t == "Div" then
      block.content, hidden = without_comments(block.content, hidden)
      if #block.content > 0 then
        kept:insert(block)
      end
    elseif block.t == "BulletList" or block.t == "OrderedList" then
      block.content, hidden = walk_items(block.content, hidden)
      if #block.content > 0 then
        kept:insert(block)
      end
    elseif not hidden then
      kept:insert(block)
    end
  end
  return kept, hidden
end

local function callout(quote)
  local first = quote.content[1]
  if not first or first.t ~= "Para" or not first.content[1] or first.content[1].t ~= "Str" then
    return nil
  end
  local kind = first.content[1].text:match("^%[!([%w-]+)%][+-]?$")
  if not kind then
    return nil
  end
  local title, rest, in_title = pandoc.Inlines {}, pandoc.Inlines {}, true
  for i = 2, #first.content do
    local inline = first.content[i]
    if in_title and (inline.t == "SoftBreak" or inline.t == "LineBreak") then
      in_title = false
    elseif in_title then
      title:insert(inline)
    else
      rest:insert(inline)
    end
  end
  while #title > 0 and title[1].t == "Space" do
    title:remove(1)
  end
  if #title == 0 then
    title:insert(pandoc.Str(kind:sub(1, 1):upper() .. kind:sub(2):lower()))
  end
  local blocks = pandoc.Blocks { pandoc.Para { pandoc.Strong(title) } }
  if #rest > 0 then
    blocks:insert(pandoc.Para(rest))
  end
  for i = 2, #quote.content do
    blocks:insert(quote.content[i])
  end
  return pandoc.BlockQuote(blocks)
end

local function only_a_name(image, text)
  local name = image.src:match("([^/]+)$") or image.src
  return text == image.src or text == name or text:match("^%d+$") or text:match("^%d+x%d+$")
end

local function embedded(image)
  return image.classes:includes("wikilink")
end

-- What Obsidian shows as a picture, by its file's suffix: the suffixes of Python's
-- resources.SHOWN_IMAGE_SUFFIXES and picture_copies.CONVERTED_SUFFIXES, and AVIF (left out
-- by the build, with a warning saying how to save it)
local PICTURES = {
  jpg = true, jpeg = true, png = true, gif = true, webp = true, svg = true, avif = true,
  bmp = true, heic = true, heif = true, tif = true, tiff = true,
}

local function a_picture(image)
  local suffix = image.src:match("%.(%w+)$")
  return suffix ~= nil and PICTURES[suffix:lower()] == true
end

local function as_link(image)
  local words = image.caption
  if #words == 0 then
    words = { pandoc.Str(image.src) }
  end
  return pandoc.Link(words, image.src, image.title, pandoc.Attr("", { "wikilink" }))
end

-- The identifier ending a paragraph, and the paragraph without it (nil when the line is
-- the identifier alone: the block above's); nil when it ends with none
local function block_id(block)
  if block.t ~= "Para" and block.t ~= "Plain" then
    return nil
  end
  local inlines = block.content
  local last = #inlines
  local id = last > 0 and inlines[last].t == "Str" and inlines[last].text:match("^%^([%w%-]+)$")
  if not id then
    return nil
  end
  if last == 1 then
    return id, nil
  end
  if inlines[last - 1].t == "Space" or inlines[last - 1].t == "SoftBreak" then
    inlines:remove(last)
    inlines:remove(last - 1)
    return id, block
  end
end

local function anchored(block, id)
  return pandoc.Div({ block }, pandoc.Attr("block-" .. id))
end

local function with_block_anchors(blocks)
  local kept = pandoc.Blocks {}
  for _, block in ipairs(blocks) do
    local id, rest = block_id(block)
    if not id then
      kept:insert(block)
    elseif rest then
      kept:insert(anchored(rest, id))
    elseif #kept > 0 then
      kept[#kept] = anchored(kept[#kept], id)
    end
  end
  return kept
end

-- The id pandoc gives a heading of these words, as it gave the note's own
local function heading_id(words)
  local read = pandoc.read("# " .. words, "markdown").blocks[1]
  return read and read.t == "Header" and read.identifier or words
end

local function to_anchor(link)
  if not link.classes:includes("wikilink") then
    return nil
  end
  local note, fragment = link.target:match("^([^#]*)#(.+)$")
  if not fragment then
    return nil
  end
  local block = fragment:match("^%^([%w%-]+)$")
  local said = pandoc.utils.stringify(link.content) == link.target
  link.target = note .. "#" .. (block and ("block-" .. block) or heading_id(fragment))
  if said and note ~= "" then -- no words of its own: Obsidian's
    link.content = { pandoc.Str(block and note or (note .. " › " .. fragment)) }
  elseif said and not block then
    link.content = { pandoc.Str(fragment) }
  end
  return link
end

local function link_alone(block)
  return block and block.content and #block.content == 1 and block.content[1].t == "Link"
    and block.content[1].classes:includes("wikilink")
end

return {
  {
    Pandoc = function(doc)
      local blocks, unclosed = without_comments(doc:clone().blocks, false)
      if unclosed then
        return nil -- a %% never closed (a typo, or 100%%) hides nothing: the text stays
      end
      doc.blocks = blocks
      return doc
    end,
  },
  {
    BlockQuote = callout,
    Blocks = with_block_anchors,
    Link = to_anchor,
    Image = function(image)
      if embedded(image) and not a_picture(image) then
        return as_link(image)
      end
      if embedded(image) and only_a_name(image, pandoc.utils.stringify(image.caption)) then
        image.caption = {}
        return image
      end
    end,
    Figure = function(figure)
      local plain = figure.content[1]
      if link_alone(plain) then -- what was embedded, now its link: no figure, no caption
        return pandoc.Para(plain.content)
      end
      local image = plain and plain.content and plain.content[1]
      if image and image.t == "Image" and embedded(image) then
        if only_a_name(image, pandoc.utils.stringify(figure.caption)) then
          return pandoc.Para { image }
        end
      end
    end,
  },
}
