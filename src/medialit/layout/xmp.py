"""XMP metadata: the packet a PDF carries beside its information dictionary.

PDF/UA asks that ``dc:title`` name the document as its title does: a layout gets its packet as
it is made (``tagging.py``), and a student's copy, retitled with the student's name, a new one
(``stamp.py``). Only the standard library: stamping a second class imports no layout code.
"""

from __future__ import annotations

from xml.etree.ElementTree import Element, SubElement, register_namespace, tostring

_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_NAMESPACES = {
    "dc": "http://purl.org/dc/elements/1.1/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "pdfuaid": "http://www.aiim.org/pdfua/ns/id/",
}
register_namespace("rdf", _RDF)
for _prefix, _uri in _NAMESPACES.items():
    register_namespace(_prefix, _uri)


def xmp_packet(
    title: str | None, language: str | None, generator: str | None = None, *, pdfua: bool = False
) -> bytes:
    """An XMP packet with ``dc:title``, ``dc:language``, the creator tool and, with ``pdfua``,
    the PDF/UA-1 identifier; no dates (a kept layout is dated anew, in the information only).
    A PDF retitled later (a student's own copy) needs a new packet with its new title.
    """
    rdf = Element(f"{{{_RDF}}}RDF")
    description = SubElement(rdf, f"{{{_RDF}}}Description", {f"{{{_RDF}}}about": ""})
    if pdfua:
        SubElement(description, f"{{{_NAMESPACES['pdfuaid']}}}part").text = "1"
    if title:
        alternatives = SubElement(
            SubElement(description, f"{{{_NAMESPACES['dc']}}}title"), f"{{{_RDF}}}Alt"
        )
        item = SubElement(alternatives, f"{{{_RDF}}}li")
        item.set("xml:lang", "x-default")
        item.text = title
    if language:
        languages = SubElement(
            SubElement(description, f"{{{_NAMESPACES['dc']}}}language"), f"{{{_RDF}}}Bag"
        )
        SubElement(languages, f"{{{_RDF}}}li").text = language
    if generator:
        SubElement(description, f"{{{_NAMESPACES['xmp']}}}CreatorTool").text = generator
    return b"".join(
        (
            b'<?xpacket begin="\xef\xbb\xbf" id="W5M0MpCehiHzreSzNTczkc9d"?>\n',
            b'<x:xmpmeta xmlns:x="adobe:ns:meta/">',
            tostring(rdf, encoding="utf-8", xml_declaration=False),
            b'</x:xmpmeta>\n<?xpacket end="r"?>',
        )
    )
