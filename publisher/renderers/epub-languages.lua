-- Pandoc filter for the EPUB (renderers/epub.py): every block and phrase marked with a
-- language keeps it as both `lang` and `xml:lang`. Reading systems that treat a chapter as
-- XML only honour xml:lang, and pandoc's writer copies `lang` alone (xml:lang only on
-- <html>), so without this a Greek letter in an English issue is read aloud as English.

local function with_xml_lang(el)
  local lang = el.attributes.lang
  if lang and lang ~= "" then
    el.attributes["xml:lang"] = lang
    return el
  end
end

return {
  { Div = with_xml_lang, Span = with_xml_lang },
}
