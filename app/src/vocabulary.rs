//! Closed vocabularies stored as text (a SARA stage, a case review's status, a trigger rule...):
//! one enum each, spelled once. `vocabulary!` gives an enum its stored spelling (`as_str`),
//! parsing from it (`parse`, `TryFrom<String>`), serde in the same spelling and, on the server,
//! reading and binding it as a text column through sqlx's `Any` driver, so row structs
//! (`sqlx::FromRow`) hold the enum itself, `Option` of it for a nullable column. Words for
//! people come from Fluent (each capability's `*_name(lang, ..)` functions), never from here.

/// Declares an enum of `Variant = "stored spelling"` pairs (see the module's documentation).
macro_rules! vocabulary {
    ($(#[$doc:meta])* $name:ident { $($variant:ident = $code:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        pub enum $name { $(#[serde(rename = $code)] $variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// The spelling stored in the database and sent in forms and the API.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }
            pub fn parse(s: &str) -> Option<$name> {
                match s { $($code => Some($name::$variant),)+ _ => None }
            }
        }

        impl TryFrom<String> for $name {
            type Error = String;
            fn try_from(s: String) -> Result<$name, String> {
                $name::parse(&s).ok_or_else(|| format!("not a {}: {s:?}", stringify!($name)))
            }
        }

        #[cfg(feature = "ssr")]
        impl sqlx::Type<sqlx::Any> for $name {
            fn type_info() -> sqlx::any::AnyTypeInfo {
                <String as sqlx::Type<sqlx::Any>>::type_info()
            }
            fn compatible(ty: &sqlx::any::AnyTypeInfo) -> bool {
                <String as sqlx::Type<sqlx::Any>>::compatible(ty)
            }
        }

        #[cfg(feature = "ssr")]
        impl<'r> sqlx::Decode<'r, sqlx::Any> for $name {
            fn decode(value: sqlx::any::AnyValueRef<'r>) -> Result<$name, sqlx::error::BoxDynError> {
                let s = <String as sqlx::Decode<'r, sqlx::Any>>::decode(value)?;
                Ok($name::try_from(s)?)
            }
        }

        #[cfg(feature = "ssr")]
        impl<'q> sqlx::Encode<'q, sqlx::Any> for $name {
            fn encode_by_ref(
                &self,
                buf: &mut <sqlx::Any as sqlx::Database>::ArgumentBuffer<'q>,
            ) -> Result<sqlx::encode::IsNull, sqlx::error::BoxDynError> {
                <&str as sqlx::Encode<'q, sqlx::Any>>::encode(self.as_str(), buf)
            }
        }
    };
}

pub(crate) use vocabulary;

#[cfg(test)]
mod tests {
    vocabulary! {
        /// A vocabulary for the tests.
        Colour { Red = "red", DarkBlue = "dark_blue" }
    }

    #[test]
    fn one_spelling_for_storage_forms_and_serde() {
        for c in Colour::ALL {
            assert_eq!(Colour::parse(c.as_str()), Some(*c));
            assert_eq!(Colour::try_from(c.as_str().to_string()), Ok(*c));
            assert_eq!(serde_json::to_string(c).unwrap(), format!("\"{}\"", c.as_str()));
        }
        assert_eq!(Colour::parse("Dark blue"), None);
        assert!(Colour::try_from("purple".to_string()).unwrap_err().contains("purple"));
    }
}
