//! Photos from residents. Each one is decoded within pixel and memory limits, turned the right
//! way up, shrunk to at most 2048 pixels a side and re-encoded as JPEG. Only the new pixels are
//! kept: EXIF, XMP and GPS in the original never reach storage, nor do the original bytes.

use image::{codecs::jpeg::JpegEncoder, imageops::FilterType, DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};
use std::io::Cursor;

pub const MAX_PHOTOS: usize = 3;
pub const MAX_PHOTO_BYTES: usize = 10 * 1024 * 1024;
const MAX_SIDE: u32 = 2048;

/// A photo ready to store.
#[derive(Debug, Clone)]
pub struct CleanPhoto {
    pub jpeg: Vec<u8>,
    pub width: u32,
    pub height: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhotoProblem {
    TooLarge,
    NotAnImage,
}

/// Decodes JPEG, PNG or WebP and re-encodes it clean.
pub fn clean(bytes: &[u8]) -> Result<CleanPhoto, PhotoProblem> {
    if bytes.len() > MAX_PHOTO_BYTES {
        return Err(PhotoProblem::TooLarge);
    }
    let reader = ImageReader::new(Cursor::new(bytes)).with_guessed_format().map_err(|_| PhotoProblem::NotAnImage)?;
    if !matches!(reader.format(), Some(ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP)) {
        return Err(PhotoProblem::NotAnImage);
    }
    let mut limits = Limits::default();
    limits.max_image_width = Some(12_000);
    limits.max_image_height = Some(12_000);
    limits.max_alloc = Some(256 * 1024 * 1024);
    let mut reader = reader;
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(|_| PhotoProblem::NotAnImage)?;
    let orientation = decoder.orientation().map_err(|_| PhotoProblem::NotAnImage)?;
    let mut picture = DynamicImage::from_decoder(decoder).map_err(|_| PhotoProblem::NotAnImage)?;
    picture.apply_orientation(orientation);
    if picture.width() > MAX_SIDE || picture.height() > MAX_SIDE {
        picture = picture.resize(MAX_SIDE, MAX_SIDE, FilterType::Triangle);
    }
    let rgb = picture.to_rgb8();
    let mut jpeg = Vec::new();
    JpegEncoder::new_with_quality(&mut jpeg, 85).encode_image(&rgb).map_err(|_| PhotoProblem::NotAnImage)?;
    Ok(CleanPhoto { jpeg, width: rgb.width(), height: rgb.height() })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A JPEG of `w`×`h` with an EXIF block holding Orientation 6 (rotate 90°) and a GPS
    /// position, as phones write them.
    pub fn jpeg_with_gps(w: u32, h: u32) -> Vec<u8> {
        let img = image::RgbImage::from_fn(w, h, |x, _| image::Rgb([(x % 255) as u8, 80, 160]));
        let mut plain = Vec::new();
        JpegEncoder::new_with_quality(&mut plain, 90).encode_image(&img).unwrap();
        // TIFF (little endian): IFD0 with Orientation=6 and a GPS IFD pointer; GPS IFD with
        // GPSLatitudeRef "N" and the marker text "SECRETGPS" as a processing method.
        let mut tiff: Vec<u8> = b"II*\0".to_vec();
        tiff.extend(8u32.to_le_bytes()); // IFD0 at 8
        tiff.extend(2u16.to_le_bytes());
        tiff.extend([0x12, 0x01, 3, 0, 1, 0, 0, 0, 6, 0, 0, 0]); // Orientation SHORT 6
        tiff.extend([0x25, 0x88, 4, 0, 1, 0, 0, 0]); // GPSInfo LONG -> offset
        tiff.extend(38u32.to_le_bytes());
        tiff.extend(0u32.to_le_bytes()); // no next IFD
        // GPS IFD at 38
        tiff.extend(2u16.to_le_bytes());
        tiff.extend([0x01, 0x00, 2, 0, 2, 0, 0, 0, b'N', 0, 0, 0]); // GPSLatitudeRef "N"
        tiff.extend([0x1b, 0x00, 7, 0, 9, 0, 0, 0]); // GPSProcessingMethod UNDEFINED[9]
        tiff.extend(68u32.to_le_bytes());
        tiff.extend(0u32.to_le_bytes());
        tiff.extend(b"SECRETGPS");
        let mut app1 = b"Exif\0\0".to_vec();
        app1.extend(&tiff);
        let mut out = plain[..2].to_vec(); // SOI
        out.extend([0xFF, 0xE1]);
        out.extend(((app1.len() + 2) as u16).to_be_bytes());
        out.extend(&app1);
        out.extend(&plain[2..]);
        out
    }

    fn contains(haystack: &[u8], needle: &[u8]) -> bool {
        haystack.windows(needle.len()).any(|w| w == needle)
    }

    #[test]
    fn exif_and_gps_never_survive_and_orientation_is_applied() {
        let original = jpeg_with_gps(64, 32);
        assert!(contains(&original, b"Exif") && contains(&original, b"SECRETGPS"), "the fixture carries EXIF and GPS");
        let clean = clean(&original).unwrap();
        assert!(!contains(&clean.jpeg, b"Exif"));
        assert!(!contains(&clean.jpeg, b"SECRETGPS"));
        assert_eq!((clean.width, clean.height), (32, 64), "turned the right way up");
        assert_ne!(clean.jpeg, original);
    }

    #[test]
    fn png_and_webp_are_accepted_and_big_photos_shrunk() {
        let img = image::RgbImage::from_fn(3000, 1000, |_, _| image::Rgb([10, 20, 30]));
        let mut png = Vec::new();
        image::DynamicImage::ImageRgb8(img.clone()).write_to(&mut Cursor::new(&mut png), ImageFormat::Png).unwrap();
        let clean_png = clean(&png).unwrap();
        assert_eq!((clean_png.width, clean_png.height), (2048, 683));
        let mut webp = Vec::new();
        image::DynamicImage::ImageRgb8(image::RgbImage::new(20, 10)).write_to(&mut Cursor::new(&mut webp), ImageFormat::WebP).unwrap();
        assert_eq!(clean(&webp).unwrap().width, 20);
    }

    #[test]
    fn other_files_are_refused() {
        assert_eq!(clean(b"%PDF-1.7 not a photo").unwrap_err(), PhotoProblem::NotAnImage);
        assert_eq!(clean(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0]).unwrap_err(), PhotoProblem::NotAnImage, "a broken JPEG");
        assert_eq!(clean(&vec![0u8; MAX_PHOTO_BYTES + 1]).unwrap_err(), PhotoProblem::TooLarge);
        let mut gif = Vec::new();
        image::DynamicImage::ImageRgb8(image::RgbImage::new(4, 4)).write_to(&mut Cursor::new(&mut gif), ImageFormat::Png).unwrap();
        gif[1..4].copy_from_slice(b"GIF");
        assert_eq!(clean(&gif).unwrap_err(), PhotoProblem::NotAnImage);
    }
}
