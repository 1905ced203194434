"""The image block (templates/components/image/); its zoom dialog: tests/browser/test_blocks.py."""
from blockcase import errors, page

PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082")


def test_the_picture_is_its_zoom_button_and_goes_into_the_package(tmp_path):
    section, names = page(tmp_path, """
    - type: image
      src: media/dot.png
      alt: A dot
      caption: The smallest picture.
    """, files={"media/dot.png": PNG})
    figure = section.xpath(".//figure[@data-block='image']")[0]
    img = figure.xpath(".//button[contains(@class, 'sb-zoom')]/img")[0]
    assert img.get("alt") == "A dot" and img.get("src") in names and img.get("src").startswith("media/")
    assert figure.xpath(".//figcaption")[0].text == "The smallest picture."


def test_alt_is_required_and_the_file_must_be_an_image_inside_the_course(tmp_path):
    [error] = errors(tmp_path / "a", "- type: image\n  src: media/dot.png", files={"media/dot.png": PNG})
    assert "missing required key 'alt'" in error
    [error] = errors(tmp_path / "b", "- type: image\n  src: ../dot.png\n  alt: A dot")
    assert "module.yaml:8:14: error:" in error and "leaves the course folder" in error
    [error] = errors(tmp_path / "c", "- type: image\n  src: course.yaml\n  alt: A dot")
    assert "is not an image" in error
