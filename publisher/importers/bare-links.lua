-- A link or picture in an imported document's Markdown says only where it leads and what
-- it shows: its HTML attributes (id, class, rel, width, height) go. With them gone, pandoc
-- writes a picture's alt text as an attribute only where its figure's caption differs from
-- it, which Markdown has no other way to say (`![Caption](photo.png){alt="…"}`).
function Link(link)
  link.attr = pandoc.Attr()
  return link
end

function Image(image)
  image.attr = pandoc.Attr()
  return image
end
