// A minimal SVG writer: elements are appended in drawing order and every attribute value and text
// node is XML-escaped on the way in, so a benchmark name with '<' or '&' cannot break the file.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace tvp::report {

struct Attr {
  std::string_view name;
  std::string value;
};

// Pixel coordinates with one decimal: enough for a sharp line, half the bytes of full precision.
std::string px(double value);

// Escapes &, <, >, " and ' for use in XML text and attribute values.
std::string xml_escape(std::string_view text);

class SvgDocument {
 public:
  // `title` becomes the <title> child (what screen readers and browser tooltips show).
  SvgDocument(double width, double height, std::string_view title,
              std::initializer_list<Attr> root_attrs = {});

  // <tag attrs/> or <tag attrs>text</tag> when text is non-empty.
  void element(std::string_view tag, std::initializer_list<Attr> attrs, std::string_view text = {});
  void element(std::string_view tag, const std::vector<Attr>& attrs, std::string_view text = {});
  void open(std::string_view tag, std::initializer_list<Attr> attrs);
  void open(std::string_view tag, const std::vector<Attr>& attrs);
  void close();

  // REQUIRES: every open() was matched by close().
  // Standalone file: XML declaration + <svg>. For an .svg file or a Markdown image.
  std::string standalone() const;
  // Without the XML declaration, for inlining into HTML.
  std::string fragment() const;

 private:
  void write_open_tag(std::string_view tag, const Attr* begin, const Attr* end, bool self_closing);

  std::string body_;
  std::string root_;
  std::vector<std::string> open_tags_;
};

}  // namespace tvp::report
