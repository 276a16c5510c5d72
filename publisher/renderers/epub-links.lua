-- Pandoc filter for the EPUB (renderers/epub.py), run first: a link to an id of the book
-- ("#إضراب", "#שביתה-fn1") keeps the letters it was written in. Pandoc's HTML reader
-- percent-encodes them ("#%D8%A5…") where the id keeps them, and its EPUB writer then
-- finds no such id to point the link at its chapter: the link led nowhere (RSC-012).

local function decoded(target)
  return (target:gsub("%%(%x%x)", function(hex)
    return string.char(tonumber(hex, 16))
  end))
end

return {
  {
    Link = function(link)
      if link.target:sub(1, 1) == "#" then
        link.target = decoded(link.target)
        return link
      end
    end,
  },
}
