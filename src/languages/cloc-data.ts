/**
 * cloc 1.96's language tables, so that code-count classifies and counts files as upstream's `cloc <dir> --json`
 * does: extension, script (#!) and file-name maps, the extensions and file names cloc never counts, each
 * language's comment filters (cloc's Filters_by_Language, run by cloc-count.ts) and line-continuation patterns.
 * These are facts about languages' syntax, dumped from the cloc script's own hash literals (evaluated with perl,
 * printed as JSON; see src/languages/README.md) and kept as data so the counter stays small.
 */
export const CLOC_EXTENSIONS: Readonly<Record<string, string>> = {
 "4th": "Forth",
 "BAS": "Visual Basic",
 "BAT": "DOS Batch",
 "BTM": "DOS Batch",
 "BUILD": "Bazel",
 "C": "C++",
 "CBL": "COBOL",
 "CMD": "DOS Batch",
 "CMakeLists.txt": "CMake",
 "COB": "COBOL",
 "CPP": "C++",
 "Containerfile": "Containerfile",
 "DO": "Stata",
 "Dockerfile": "Dockerfile",
 "ERB": "ERB",
 "F": "Fortran 77",
 "F77": "Fortran 77",
 "F90": "Fortran 90",
 "F95": "Fortran 95",
 "FOR": "Fortran 77",
 "FRX": "Visual Basic",
 "FTN": "Fortran 77",
 "Gnumakefile": "make",
 "H": "C/C++ Header",
 "HC": "HolyC",
 "Makefile": "make",
 "P": "Prolog",
 "P6": "Raku/Prolog",
 "PL": "Perl/Prolog",
 "R": "R",
 "Rmd": "Rmd",
 "S": "Assembly",
 "SBL": "Softbridge Basic",
 "SCA": "Visual Fox Pro",
 "SQL": "SQL",
 "SVG": "SVG",
 "VB": "Visual Basic .NET",
 "VBA": "VB for Applications",
 "VBHTML": "Visual Basic",
 "VBS": "Visual Basic Script",
 "VHD": "VHDL",
 "VHDL": "VHDL",
 "XMI": "XMI",
 "XML": "XML",
 "XSD": "XSD",
 "XSL": "XSLT",
 "XSLT": "XSLT",
 "_coffee": "CoffeeScript",
 "_js": "JavaScript",
 "a51": "Assembly",
 "abap": "ABAP",
 "ac": "m4",
 "ack": "Perl",
 "ada": "Ada",
 "adb": "Ada",
 "adml": "XML",
 "admx": "XML",
 "ado": "Stata",
 "adoc": "AsciiDoc",
 "ads": "Ada",
 "adso": "ADSO/IDSM",
 "agda": "Agda",
 "ahk": "AutoHotkey",
 "ahkl": "AutoHotkey",
 "aj": "AspectJ",
 "al": "Perl",
 "am": "make",
 "ample": "AMPLE",
 "ant": "XML",
 "apl": "APL",
 "apla": "APL",
 "aplc": "APL",
 "aplf": "APL",
 "apli": "APL",
 "apln": "APL",
 "aplo": "APL",
 "app.config": "XML",
 "app.src": "Erlang",
 "appraisals": "Ruby",
 "arcconfig": "JSON",
 "as": "ActionScript",
 "asa": "ASP",
 "asax": "ASP.NET",
 "asciidoc": "AsciiDoc",
 "ascx": "ASP.NET",
 "asd": "Lisp",
 "ashx": "ASP",
 "asm": "Assembly",
 "asmx": "ASP.NET",
 "asp": "ASP",
 "aspx": "ASP.NET",
 "auk": "awk",
 "aux": "TeX",
 "avsc": "JSON",
 "aw": "PHP",
 "awk": "awk",
 "axd": "ASP",
 "axml": "XML",
 "b": "Brainfuck",
 "bas": "Visual Basic",
 "bash": "Bourne Again Shell",
 "bat": "DOS Batch",
 "bazel": "Starlark",
 "bbx": "TeX",
 "berksfile": "Ruby",
 "bf": "Brainfuck",
 "bib": "TeX",
 "blade": "Blade",
 "blade.php": "Blade",
 "bod": "Oracle PL/SQL",
 "bones": "JavaScript",
 "boot": "Clojure",
 "brewfile": "Ruby",
 "brs": "BrightScript",
 "bst": "TeX",
 "btm": "DOS Batch",
 "btp": "BizTalk Pipeline",
 "btproj": "MSBuild script",
 "buck": "Python",
 "build": "NAnt script",
 "build.bazel": "Python",
 "build.xml": "Ant",
 "builder": "Ruby",
 "buildfile": "Ruby",
 "buildozer.spec": "INI",
 "builds": "XML",
 "bzl": "Starlark",
 "c": "C",
 "c++": "C++",
 "cairo": "Cairo",
 "cake": "Cake Build Script",
 "cakefile": "CoffeeScript",
 "capfile": "Ruby",
 "carbon": "Carbon",
 "cats": "C",
 "cbl": "COBOL",
 "cbx": "TeX",
 "cc": "C++",
 "ccp": "COBOL",
 "ccproj": "XML",
 "ccs": "CCS",
 "ccxml": "XML",
 "cdf": "Mathematica",
 "cfc": "ColdFusion CFScript",
 "cfm": "ColdFusion",
 "cfml": "ColdFusion",
 "cg": "HLSL",
 "cginc": "HLSL",
 "ch": "xBase Header",
 "chpl": "Chapel",
 "cii": "TNSDL",
 "cin": "TNSDL",
 "circom": "Circom",
 "cjs": "JavaScript",
 "cjsx": "CoffeeScript",
 "cl": "Lisp/OpenCL",
 "cl2": "Clojure",
 "clang-format": "YAML",
 "clang-tidy": "YAML",
 "classpath": "XML",
 "clixml": "XML",
 "clj": "Clojure",
 "cljc": "ClojureC",
 "cljs": "ClojureScript",
 "cljs.hl": "Clojure",
 "cljscm": "Clojure",
 "cljx": "Clojure",
 "cls": "Visual Basic/TeX/Apex Class",
 "cmake": "CMake",
 "cmake.in": "CMake",
 "cmd": "DOS Batch",
 "cob": "COBOL",
 "cobol": "COBOL",
 "coffee": "CoffeeScript",
 "comp": "GLSL",
 "component": "Visualforce Component",
 "composer.lock": "JSON",
 "contents.lr": "Markdown",
 "cpanfile": "Perl",
 "cpp": "C++",
 "cproject": "XML",
 "cpy": "COBOL",
 "cql": "SQL",
 "cr": "Crystal",
 "cs": "C#/Smalltalk",
 "cscfg": "XML",
 "csdef": "XML",
 "csh": "C Shell",
 "cshtml": "Razor",
 "csl": "XML",
 "cson": "CSON",
 "csproj": "MSBuild script",
 "css": "CSS",
 "csv": "CSV",
 "ct": "XML",
 "ctl": "Visual Basic",
 "ctp": "PHP",
 "cu": "CUDA",
 "cuh": "CUDA",
 "cxx": "C++",
 "d": "D/dtrace",
 "da": "DAL",
 "dangerfile": "Ruby",
 "dart": "Dart",
 "data.sql": "SQL Data",
 "dcl": "Clean",
 "def": "Windows Module Definition",
 "deliverfile": "Ruby",
 "depproj": "XML",
 "derw": "Derw",
 "designer.cs": "C# Designer",
 "dfm": "Delphi Form",
 "dhall": "dhall",
 "diff": "diff",
 "dita": "DITA",
 "ditamap": "XML",
 "ditaval": "XML",
 "dll.config": "XML",
 "dlm": "IDL",
 "dmap": "NASTRAN DMAP",
 "do": "Stata",
 "dockerfile": "Dockerfile",
 "dofile": "AMPLE",
 "doh": "Stata",
 "dotsettings": "XML",
 "dpr": "Pascal",
 "drl": "Drools",
 "dsc": "DenizenScript",
 "dsr": "Visual Basic",
 "dt": "DIET",
 "dtd": "DTD",
 "dtx": "TeX",
 "dxl": "DOORS Extension Language",
 "dyalog": "APL",
 "dyapp": "APL",
 "e": "Specman e",
 "e4": "Forth",
 "ec": "C",
 "ecpp": "ECPP",
 "ecr": "Embedded Crystal",
 "eex": "EEx",
 "ejs": "EJS",
 "el": "Lisp",
 "eliom": "OCaml",
 "eliomi": "OCaml",
 "elm": "Elm",
 "emakefile": "Erlang",
 "erb": "ERB",
 "erl": "Erlang",
 "es6": "JavaScript",
 "ex": "Elixir",
 "exp": "Expect",
 "expr-dist": "R",
 "exs": "Elixir",
 "eye": "Ruby",
 "f": "Fortran 77/Forth",
 "f77": "Fortran 77",
 "f83": "Forth",
 "f90": "Fortran 90",
 "f95": "Fortran 95",
 "fastfile": "Ruby",
 "fb": "Forth",
 "fbs": "Flatbuffers",
 "feature": "Cucumber",
 "filters": "XML",
 "fish": "Fish Shell",
 "fmt": "Oracle Forms",
 "fnc": "Oracle PL/SQL",
 "fnl": "Fennel",
 "focexec": "Focus",
 "for": "Fortran 77/Forth",
 "forth": "Forth",
 "fp": "GLSL",
 "fpm": "Forth",
 "fr": "Forth",
 "frag": "GLSL",
 "frg": "GLSL",
 "frm": "Visual Basic",
 "frt": "Forth",
 "frx": "Visual Basic",
 "fs": "F#/Forth",
 "fsh": "GLSL",
 "fshader": "GLSL",
 "fsi": "F#",
 "fsl": "Finite State Language",
 "fsproj": "XML",
 "fsx": "F# Script",
 "ft": "Forth",
 "fth": "Forth",
 "ftl": "Freemarker Template",
 "ftn": "Fortran 77",
 "fun": "Standard ML",
 "fut": "Futhark",
 "fxh": "HLSL",
 "fxml": "FXML",
 "g": "ANTLR Grammar",
 "g4": "ANTLR Grammar",
 "gant": "Groovy",
 "gawk": "awk",
 "gclient": "Python",
 "gd": "GDScript",
 "gdshader": "Godot Shaders",
 "gemfile": "Ruby",
 "gemfile.lock": "Ruby",
 "gemrc": "YAML",
 "gemspec": "Ruby",
 "geo": "GLSL",
 "geojson": "JSON",
 "geom": "GLSL",
 "glade": "Glade",
 "gleam": "Gleam",
 "glide.lock": "YAML",
 "glsl": "GLSL",
 "glslv": "GLSL",
 "gltf": "JSON",
 "gmx": "XML",
 "gnumakefile": "make",
 "go": "Go",
 "god": "Ruby",
 "gql": "GraphQL",
 "gradle": "Gradle",
 "gradle.kts": "Gradle",
 "graphql": "GraphQL",
 "graphqls": "GraphQL",
 "groovy": "Groovy",
 "grt": "Groovy",
 "grxml": "XML",
 "gshader": "GLSL",
 "gsp": "Grails",
 "gtpl": "Groovy",
 "guardfile": "Ruby",
 "gvy": "Groovy",
 "gyp": "Python",
 "gypi": "Python",
 "h": "C/C++ Header",
 "h++": "C++",
 "haml": "Haml",
 "haml.deface": "Haml",
 "handlebars": "Handlebars",
 "har": "JSON",
 "hb": "Harbour",
 "hbs": "Handlebars",
 "hcl": "HCL",
 "heex": "HTML EEx",
 "hh": "C/C++ Header",
 "hic": "Clojure",
 "hlean": "Lean",
 "hlsl": "HLSL",
 "hlsli": "HLSL",
 "hoon": "Hoon",
 "hpp": "C/C++ Header",
 "hrl": "Erlang",
 "hs": "Haskell",
 "hsc": "Haskell",
 "htm": "HTML",
 "html": "HTML",
 "html.hl": "HTML",
 "htmlhintrc": "JSON",
 "hx": "Haxe",
 "hxsl": "Haxe",
 "hxx": "C/C++ Header",
 "i": "SWIG",
 "i3": "Modula3",
 "ice": "Slice",
 "iced": "CoffeeScript",
 "icl": "Clean",
 "idc": "C",
 "idl": "IDL",
 "idr": "Idris",
 "ig": "Modula3",
 "ihlp": "Stata",
 "il": "SKILL",
 "ils": "SKILL++",
 "imba": "Imba",
 "iml": "XML",
 "in1": "TNSDL",
 "in2": "TNSDL",
 "in3": "TNSDL",
 "in4": "TNSDL",
 "inc": "PHP/Pascal",
 "inf": "TNSDL",
 "ini": "INI",
 "inl": "C++",
 "ino": "Arduino Sketch",
 "ins": "TeX",
 "interface": "TNSDL",
 "ipf": "Igor Pro",
 "ipl": "IPL",
 "ipp": "C++",
 "ipynb": "Jupyter Notebook",
 "irbrc": "Ruby",
 "ism": "InstallShield",
 "itk": "Tcl/Tk",
 "ivy": "XML",
 "ixx": "Visual Studio Module",
 "jade": "Pug",
 "jake": "JavaScript",
 "jakefile": "JavaScript",
 "jarfile": "Ruby",
 "java": "Java",
 "jbuilder": "Ruby",
 "jcl": "JCL",
 "jelly": "XML",
 "jenkinsfile": "Groovy",
 "jinja": "Jinja Template",
 "jinja2": "Jinja Template",
 "jl": "Lisp/Julia",
 "js": "JavaScript",
 "jsb": "JavaScript",
 "jscad": "JavaScript",
 "jsf": "JavaServer Faces",
 "jsfl": "JavaScript",
 "jsm": "JavaScript",
 "json": "JSON",
 "json-tmlanguage": "JSON",
 "json5": "JSON5",
 "jsonl": "JSON",
 "jsp": "JSP",
 "jspeg": "tspeg",
 "jspf": "JSP",
 "jsproj": "XML",
 "jss": "JavaScript",
 "jssm": "Finite State Language",
 "jsx": "JSX",
 "junos": "Juniper Junos",
 "kml": "XML",
 "kojo": "Scala",
 "ksc": "Kermit",
 "ksh": "Korn Shell",
 "kt": "Kotlin",
 "ktm": "Kotlin",
 "kts": "Kotlin",
 "kv": "kvlang",
 "l": "lex",
 "lagda": "Agda",
 "launch": "XML",
 "lbx": "TeX",
 "lean": "Lean",
 "lektorproject": "INI",
 "lem": "Lem",
 "less": "LESS",
 "lex": "lex",
 "lfe": "LFE",
 "lgt": "Logtalk",
 "lhs": "Haskell",
 "lidr": "Literate Idris",
 "liquid": "liquid",
 "lisp": "Lisp",
 "lit": "PL/M",
 "ll": "LLVM IR",
 "lmi": "Python",
 "logtalk": "Logtalk",
 "lpr": "Pascal",
 "lsp": "Lisp",
 "ltx": "TeX",
 "lua": "Lua",
 "m": "MATLAB/Mathematica/Objective-C/MUMPS/Mercury",
 "m3": "Modula3",
 "m4": "m4",
 "ma": "Mathematica",
 "makefile": "make",
 "makefile.pl": "Perl",
 "mako": "Mako",
 "mao": "Mako",
 "markdown": "Markdown",
 "master": "ASP.NET",
 "mat": "Unity-Prefab",
 "mata": "Stata",
 "matah": "Stata",
 "mathematica": "Mathematica",
 "mavenfile": "Ruby",
 "mawk": "awk",
 "mc": "Windows Message File",
 "mcmeta": "JSON",
 "mcmod.info": "JSON",
 "md": "Markdown",
 "mdown": "Markdown",
 "mdpolicy": "XML",
 "mdwn": "Markdown",
 "mdx": "Markdown",
 "meson.build": "Meson",
 "met": "Teamcenter met",
 "metal": "Metal",
 "mg": "Modula3",
 "mipage": "APL",
 "mir": "YAML",
 "mjml": "XML",
 "mjs": "JavaScript",
 "mk": "make",
 "mkd": "Markdown",
 "mkdn": "Markdown",
 "mkdown": "Markdown",
 "mkii": "TeX",
 "mkiv": "TeX",
 "mkvi": "TeX",
 "ml": "OCaml",
 "ml4": "OCaml",
 "mli": "OCaml",
 "mll": "OCaml",
 "mly": "OCaml",
 "mm": "Objective-C++",
 "mojom": "Mojo",
 "mps": "MUMPS",
 "msbuild": "MSBuild script",
 "msg": "Gencat NLS",
 "mspec": "Ruby",
 "mt": "Mathematica",
 "mth": "Teamcenter mth",
 "mustache": "Mustache",
 "mxml": "MXML",
 "mysql": "SQL",
 "n": "Nemerle",
 "nasm": "Assembly",
 "natvis": "XML",
 "nawk": "awk",
 "nbp": "Mathematica",
 "ndproj": "XML",
 "nim": "Nim",
 "nim.cfg": "Nim",
 "nimble": "Nim",
 "nimrod": "Nim",
 "nims": "Nim",
 "nix": "Nix",
 "njk": "Nunjucks",
 "njs": "JavaScript",
 "nomad": "HCL",
 "nproj": "XML",
 "nse": "Lua",
 "nuget.config": "XML",
 "nuspec": "XML",
 "nut": "Squirrel",
 "odd": "XML",
 "odin": "Odin",
 "odx": "BizTalk Orchestration",
 "oscript": "LiveLink OScript",
 "osm": "XML",
 "p": "Pascal",
 "p4": "P4",
 "p6": "Raku/Prolog",
 "p8": "Lua",
 "pac": "JavaScript",
 "packages.config": "XML",
 "pad": "Ada",
 "page": "Visualforce Page",
 "pas": "Pascal",
 "pascal": "Pascal",
 "patch": "diff",
 "pbt": "PowerBuilder",
 "pcc": "C++",
 "pcl": "Patran Command Language",
 "pd_lua": "Lua",
 "pde": "Arduino Sketch",
 "peg": "PEG",
 "peggy": "peggy",
 "pegjs": "peg.js",
 "perl": "Perl",
 "pest": "Pest",
 "pfo": "Fortran 77",
 "pgc": "C",
 "ph": "Perl",
 "phakefile": "PHP",
 "php": "PHP",
 "php3": "PHP",
 "php4": "PHP",
 "php5": "PHP",
 "php_cs": "PHP",
 "php_cs.dist": "PHP",
 "phps": "PHP",
 "phpt": "PHP",
 "phtml": "PHP",
 "pig": "Pig Latin",
 "pkgproj": "XML",
 "pl": "Perl/Prolog",
 "pl1": "PL/I",
 "plh": "Perl",
 "plist": "XML",
 "plm": "PL/M",
 "plx": "Perl",
 "pm": "Perl",
 "pm6": "Raku",
 "po": "PO File",
 "podfile": "Ruby",
 "podspec": "Ruby",
 "pom": "Maven",
 "pom.xml": "Maven",
 "pony": "Pony",
 "pp": "Pascal/Puppet",
 "pprx": "Rexx",
 "prc": "Oracle PL/SQL",
 "prefab": "Unity-Prefab",
 "prefs": "INI",
 "prg": "xBase",
 "pro": "IDL/Qt Project/Prolog/ProGuard",
 "proj": "XML",
 "project": "XML",
 "prolog": "Prolog",
 "properties": "Properties",
 "props": "XML",
 "proto": "Protocol Buffers",
 "prw": "xBase",
 "pryrc": "Ruby",
 "ps1": "PowerShell",
 "ps1xml": "XML",
 "psc1": "XML",
 "psd1": "PowerShell",
 "psgi": "Perl",
 "psm1": "PowerShell",
 "psql": "SQL",
 "pt": "XML",
 "pug": "Pug",
 "puml": "PlantUML",
 "puppetfile": "Ruby",
 "purs": "PureScript",
 "pxd": "Cython",
 "pxi": "Cython",
 "py": "Python",
 "py3": "Python",
 "pyde": "Python",
 "pyi": "Python",
 "pyj": "RapydScript",
 "pyp": "Python",
 "pyt": "Python",
 "pyw": "Python",
 "pyx": "Cython",
 "qbs": "QML",
 "qml": "QML",
 "r": "R",
 "rabl": "Ruby",
 "rake": "Ruby",
 "raku": "Raku",
 "rakumod": "Raku",
 "raml": "RAML",
 "razor": "Razor",
 "rb": "Ruby",
 "rbuild": "Ruby",
 "rbw": "Ruby",
 "rbx": "Ruby",
 "rbxs": "Lua",
 "rc": "Windows Resource File",
 "rc2": "Windows Resource File",
 "rd": "R",
 "rdf": "XML",
 "re": "ReasonML",
 "rebar.config": "Erlang",
 "rebar.config.lock": "Erlang",
 "rebar.lock": "Erlang",
 "reek": "YAML",
 "rei": "ReasonML",
 "res": "ReScript",
 "resi": "ReScript",
 "rest": "reStructuredText",
 "rest.txt": "reStructuredText",
 "resx": "XML",
 "rex": "Oracle Reports",
 "rexfile": "Perl",
 "rexx": "Rexx",
 "rform": "Ring",
 "rh": "Ring",
 "rhtml": "Ruby HTML",
 "riemann.config": "Clojure",
 "ring": "Ring",
 "rkt": "Racket",
 "rktd": "Racket",
 "rktl": "Racket",
 "robot": "RobotFramework",
 "ronn": "Markdown",
 "rou": "TNSDL",
 "rprofile": "R",
 "rs": "Rust",
 "rs.in": "Rust",
 "rss": "XML",
 "rst": "reStructuredText",
 "rst.txt": "reStructuredText",
 "rsx": "R",
 "ru": "Ruby",
 "rviz": "YAML",
 "rx": "Forth",
 "s": "Assembly",
 "sas": "SAS",
 "sass": "Sass",
 "sbl": "Softbridge Basic",
 "sbt": "Scala",
 "sc": "Scheme",
 "sca": "Visual Fox Pro",
 "scad": "OpenSCAD",
 "scala": "Scala",
 "sch": "Scheme",
 "scm": "Scheme",
 "sconscript": "Python",
 "sconstruct": "Python",
 "scrbl": "Racket",
 "scss": "SCSS",
 "scxml": "XML",
 "sdl": "TNSDL",
 "sdt": "TNSDL",
 "sed": "sed",
 "ses": "Patran Command Language",
 "settings.stylecop": "XML",
 "sfproj": "XML",
 "sh": "Bourne Shell",
 "shader": "HLSL",
 "shproj": "XML",
 "sig": "Standard ML",
 "sitemap": "ASP.NET",
 "sjs": "JavaScript",
 "sld": "Scheme",
 "slim": "Slim",
 "sln": "Visual Studio Solution",
 "sls": "Scheme/SaltStack",
 "smarty": "Smarty",
 "sml": "Standard ML",
 "snakefile": "Python",
 "snapfile": "Ruby",
 "sol": "Solidity",
 "sp": "SparForte",
 "spc": "Oracle PL/SQL",
 "spc.sql": "SQL Stored Procedure",
 "spd": "TNSDL",
 "spoc.sql": "SQL Stored Procedure",
 "sproc.sql": "SQL Stored Procedure",
 "sps": "Scheme",
 "sql": "SQL",
 "sra": "PowerBuilder",
 "srdf": "XML",
 "srf": "PowerBuilder",
 "srm": "PowerBuilder",
 "srs": "PowerBuilder",
 "sru": "PowerBuilder",
 "srw": "PowerBuilder",
 "ss": "Scheme",
 "ssc": "TNSDL",
 "ssjs": "JavaScript",
 "sss": "SugarSS",
 "sst": "TNSDL",
 "st": "Smalltalk",
 "startup": "AMPLE",
 "sthlp": "Stata",
 "storyboard": "XML",
 "sttheme": "XML",
 "sty": "TeX",
 "styl": "Stylus",
 "sublime-snippet": "XML",
 "sublime-syntax": "YAML",
 "sv": "Verilog-SystemVerilog",
 "svelte": "Svelte",
 "svg": "SVG",
 "svh": "Verilog-SystemVerilog",
 "swift": "Swift",
 "syntax": "YAML",
 "tab": "SQL",
 "tac": "Python",
 "targets": "XML",
 "tcc": "C++",
 "tcl": "Tcl/Tk",
 "tcsh": "C Shell",
 "td": "TableGen",
 "teal": "TEAL",
 "tern-config": "JSON",
 "tern-project": "JSON",
 "tesc": "GLSL",
 "tese": "GLSL",
 "tex": "TeX",
 "text": "Text",
 "tf": "HCL",
 "tfstate": "JSON",
 "tfstate.backup": "JSON",
 "tfvars": "HCL",
 "thor": "Ruby",
 "thorfile": "Ruby",
 "thrift": "Thrift",
 "tk": "Tcl/Tk",
 "tmcommand": "XML",
 "tml": "XML",
 "tmlanguage": "XML",
 "tmpreferences": "XML",
 "tmsnippet": "XML",
 "tmtheme": "XML",
 "toml": "TOML",
 "topojson": "JSON",
 "tpd": "TITAN Project File Information",
 "tpl": "Smarty",
 "tpp": "C++",
 "tres": "Godot Resource",
 "trg": "Oracle PL/SQL",
 "trigger": "Apex Trigger",
 "ts": "TypeScript/Qt Linguist",
 "tscn": "Godot Scene",
 "tspeg": "tspeg",
 "tss": "Titanium Style Sheet",
 "tsx": "TypeScript",
 "ttcn": "TTCN",
 "ttcn2": "TTCN",
 "ttcn3": "TTCN",
 "ttcnpp": "TTCN",
 "twig": "Twig",
 "txt": "Text",
 "udf": "SQL",
 "udf.sql": "SQL Stored Procedure",
 "ui": "Qt/Glade",
 "um": "Umka",
 "urdf": "XML",
 "ux": "XML",
 "v": "Verilog-SystemVerilog/Coq",
 "vagrantfile": "Ruby",
 "vala": "Vala",
 "vapi": "Vala Header",
 "vb": "Visual Basic .NET",
 "vba": "VB for Applications",
 "vbhtml": "Visual Basic",
 "vbp": "Visual Basic",
 "vbproj": "Visual Basic .NET",
 "vbs": "Visual Basic Script",
 "vbw": "Visual Basic",
 "vcproj": "MSBuild script",
 "vcxproj": "XML",
 "vert": "GLSL",
 "vhd": "VHDL",
 "vhdl": "VHDL",
 "vhf": "VHDL",
 "vhi": "VHDL",
 "vho": "VHDL",
 "vhs": "VHDL",
 "vht": "VHDL",
 "vhw": "VHDL",
 "vim": "vim script",
 "viw": "SQL",
 "vm": "Velocity Template Language",
 "vrx": "GLSL",
 "vsh": "GLSL",
 "vshader": "GLSL",
 "vsixmanifest": "XML",
 "vssettings": "XML",
 "vstemplate": "XML",
 "vue": "Vuejs Component",
 "vxml": "XML",
 "wast": "WebAssembly",
 "wat": "WebAssembly",
 "watchmanconfig": "JSON",
 "watchr": "Ruby",
 "wdproj": "MSBuild script",
 "web.config": "XML",
 "web.debug.config": "XML",
 "web.release.config": "XML",
 "webapp": "JSON",
 "webinfo": "ASP.NET",
 "webmanifest": "JSON",
 "wgsl": "WGSL",
 "wixproj": "MSBuild script",
 "wl": "Mathematica",
 "wlt": "Mathematica",
 "wlua": "Lua",
 "workbook": "Markdown",
 "workspace": "Python",
 "wscript": "Python",
 "wsdl": "Web Services Description",
 "wsf": "XML",
 "wsgi": "Python",
 "wxi": "WiX include",
 "wxl": "WiX string localization",
 "wxml": "WXML",
 "wxs": "WiX source",
 "wxss": "WXSS",
 "x": "Logos",
 "x3d": "XML",
 "xacro": "XML",
 "xaml": "XAML",
 "xht": "HTML",
 "xhtml": "XHTML",
 "xib": "XML",
 "xlf": "XML",
 "xliff": "XML",
 "xm": "Logos",
 "xmi": "XMI",
 "xml": "XML",
 "xml.builder": "builder",
 "xml.dist": "XML",
 "xpo": "X++",
 "xproj": "XML",
 "xpy": "Python",
 "xq": "XQuery",
 "xql": "XQuery",
 "xqm": "XQuery",
 "xquery": "XQuery",
 "xqy": "XQuery",
 "xrl": "Erlang",
 "xsd": "XSD",
 "xsjs": "JavaScript",
 "xsjslib": "JavaScript",
 "xsl": "XSLT",
 "xslt": "XSLT",
 "xspec": "XML",
 "xtend": "Xtend",
 "xul": "XML",
 "y": "yacc",
 "yacc": "yacc",
 "yaml": "YAML",
 "yaml-tmlanguage": "YAML",
 "yap": "Prolog",
 "yml": "YAML",
 "yml.mysql": "YAML",
 "yrl": "Erlang",
 "yyp": "JSON",
 "zcml": "XML",
 "zig": "Zig",
 "zsh": "zsh"
};

export const CLOC_SCRIPTS: Readonly<Record<string, string>> = {
 "awk": "awk",
 "bash": "Bourne Again Shell",
 "bc": "bc",
 "crystal": "Crystal",
 "csh": "C Shell",
 "dmd": "D",
 "dtrace": "dtrace",
 "escript": "Erlang",
 "groovy": "Groovy",
 "idl": "IDL",
 "kermit": "Kermit",
 "ksh": "Korn Shell",
 "lua": "Lua",
 "make": "make",
 "miniperl": "Perl",
 "octave": "Octave",
 "perl": "Perl",
 "perl5": "Perl",
 "perl6": "Raku",
 "php": "PHP",
 "php5": "PHP",
 "python": "Python",
 "python2.6": "Python",
 "python2.7": "Python",
 "python3": "Python",
 "python3.3": "Python",
 "python3.4": "Python",
 "python3.5": "Python",
 "python3.6": "Python",
 "python3.7": "Python",
 "python3.8": "Python",
 "raku": "Raku",
 "rakudo": "Raku",
 "regina": "Rexx",
 "rexx": "Rexx",
 "ruby": "Ruby",
 "sed": "sed",
 "sh": "Bourne Shell",
 "swipl": "Prolog",
 "tcl": "Tcl/Tk",
 "tclsh": "Tcl/Tk",
 "tcsh": "C Shell",
 "wish": "Tcl/Tk",
 "zsh": "zsh"
};

export const CLOC_FILENAMES: Readonly<Record<string, string>> = {
 "BUILD": "Bazel",
 "CMakeLists.txt": "CMake",
 "Containerfile": "Containerfile",
 "Dockerfile": "Dockerfile",
 "Dockerfile.cmake": "Dockerfile",
 "Dockerfile.m4": "Dockerfile",
 "Gnumakefile": "make",
 "Jamfile": "Jam",
 "Jamrules": "Jam",
 "Makefile": "make",
 "Rakefile": "Ruby",
 "WORKSPACE": "Bazel",
 "build.xml": "Ant/XML",
 "cmakelists.txt": "CMake",
 "dockerfile": "Dockerfile",
 "dockerfile.cmake": "Dockerfile",
 "dockerfile.m4": "Dockerfile",
 "gnumakefile": "make",
 "jamfile": "Jam",
 "makefile": "make",
 "meson.build": "Meson",
 "pom.xml": "Maven/XML",
 "rakefile": "Ruby"
};

export const CLOC_PREFIXES: Readonly<Record<string, string>> = {
 "Containerfile": "Containerfile",
 "Dockerfile": "Dockerfile"
};

export const CLOC_NOT_CODE_EXTENSIONS: readonly string[] = [
 "1",
 "2",
 "3",
 "4",
 "5",
 "6",
 "7",
 "8",
 "9",
 "Tag",
 "Y",
 "Z",
 "a",
 "ad",
 "afm",
 "arc",
 "arj",
 "au",
 "bak",
 "bdf",
 "bmp",
 "bz2",
 "csv",
 "desktop",
 "dic",
 "doc",
 "elc",
 "eps",
 "fig",
 "gif",
 "gitignore",
 "gz",
 "h5",
 "hdf",
 "in",
 "jpg",
 "kdelnk",
 "man",
 "mf",
 "mp3",
 "n",
 "o",
 "o.cmd",
 "pbm",
 "pdf",
 "pfb",
 "png",
 "ppt",
 "pptx",
 "ps",
 "sgm",
 "sgml",
 "so",
 "tfm",
 "tgz",
 "tiff",
 "tsv",
 "vf",
 "wav",
 "xbm",
 "xls",
 "xlsx",
 "xpm",
 "zip"
];

export const CLOC_NOT_CODE_FILENAMES: readonly string[] = [
 ".cvsignore",
 "AUTHORS",
 "BUGS",
 "CHANGES",
 "COPYING",
 "ChangeLog",
 "Changelog",
 "Changes",
 "DESCRIPTION",
 "Entries",
 "FAQ",
 "INSTALL",
 "MAINTAINERS",
 "MD5SUMS",
 "NAMESPACE",
 "NEWS",
 "README",
 "README.tk",
 "Readme",
 "Repository",
 "Root",
 "TODO",
 "readme"
];

export const CLOC_FILTERS: Readonly<Record<string, readonly (readonly (string | number)[])[]>> = {
 "ABAP": [
  [
   "remove_matches",
   "^\\*"
  ]
 ],
 "ADSO/IDSM": [
  [
   "remove_matches",
   "^\\s*\\*[\\+\\!]"
  ]
 ],
 "AMPLE": [
  [
   "remove_matches",
   "^\\s*//"
  ]
 ],
 "ANTLR Grammar": [
  [
   "rm_comments_in_strings",
   "\"",
   "/*",
   "*/"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "//",
   ""
  ],
  [
   "call_regexp_common",
   "C++"
  ]
 ],
 "APL": [
  [
   "remove_matches",
   "^\\s*⍝"
  ]
 ],
 "ASP": [
  [
   "remove_matches",
   "^\\s*\\47"
  ]
 ],
 "ASP.NET": [
  [
   "rm_comments_in_strings",
   "\"",
   "/*",
   "*/"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "//",
   ""
  ],
  [
   "call_regexp_common",
   "C"
  ],
  [
   "remove_between_general",
   "<%--",
   "--%>"
  ],
  [
   "remove_between_general",
   "<!--",
   "-->"
  ]
 ],
 "ActionScript": [
  [
   "rm_comments_in_strings",
   "\"",
   "/*",
   "*/"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "//",
   ""
  ],
  [
   "call_regexp_common",
   "C++"
  ]
 ],
 "Ada": [
  [
   "remove_matches",
   "^\\s*--"
  ]
 ],
 "Agda": [
  [
   "remove_haskell_comments",
   ">filename<"
  ]
 ],
 "Ant": [
  [
   "remove_html_comments"
  ],
  [
   "call_regexp_common",
   "HTML"
  ]
 ],
 "Ant/XML": [
  [
   "remove_html_comments"
  ],
  [
   "call_regexp_common",
   "HTML"
  ]
 ],
 "Apex Class": [
  [
   "rm_comments_in_strings",
   "\"",
   "/*",
   "*/"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "//",
   ""
  ],
  [
   "call_regexp_common",
   "C++"
  ]
 ],
 "Apex Trigger": [
  [
   "rm_comments_in_strings",
   "\"",
   "/*",
   "*/"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "//",
   ""
  ],
  [
   "call_regexp_common",
   "C++"
  ]
 ],
 "Arduino Sketch": [
  [
   "replace_regex",
   "\\xa0",
   " "
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "/*",
   "*/"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "//",
   ""
  ],
  [
   "call_regexp_common",
   "C++"
  ]
 ],
 "AsciiDoc": [
  [
   "remove_between_general",
   "////",
   "////"
  ],
  [
   "remove_matches",
   "^\\s*\\/\\/"
  ]
 ],
 "AspectJ": [
  [
   "rm_comments_in_strings",
   "\"",
   "/*",
   "*/"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "//",
   ""
  ],
  [
   "call_regexp_common",
   "C++"
  ]
 ],
 "Assembly": [
  [
   "remove_matches",
   "^\\s*#"
  ],
  [
   "remove_matches",
   "^\\s*;"
  ],
  [
   "call_regexp_common",
   "C++"
  ],
  [
   "remove_matches",
   "^\\s*\\@"
  ],
  [
   "remove_matches",
   "^\\s*\\|"
  ],
  [
   "remove_matches",
   "^\\s*!"
  ],
  [
   "remove_matches",
   "^\\s*--"
  ],
  [
   "remove_inline",
   ";.*$"
  ],
  [
   "remove_inline",
   "\\@.*$"
  ],
  [
   "remove_inline",
   "\\|.*$"
  ],
  [
   "remove_inline",
   "!.*$"
  ],
  [
   "remove_inline",
   "#.*$"
  ],
  [
   "remove_inline",
   "--.*$"
  ],
  [
   "remove_matches",
   "^\\*"
  ]
 ],
 "AutoHotkey": [
  [
   "remove_matches",
   "^\\s*;"
  ],
  [
   "remove_inline",
   ";.*$"
  ]
 ],
 "Bazel": [
  [
   "remove_matches",
   "^\\s*#"
  ],
  [
   "remove_inline",
   "#.*$"
  ]
 ],
 "BizTalk Orchestration": [
  [
   "remove_matches",
   "^\\s*#"
  ],
  [
   "remove_html_comments"
  ],
  [
   "call_regexp_common",
   "HTML"
  ]
 ],
 "BizTalk Pipeline": [
  [
   "remove_html_comments"
  ],
  [
   "call_regexp_common",
   "HTML"
  ]
 ],
 "Blade": [
  [
   "remove_between_general",
   "{{--",
   "--}}"
  ],
  [
   "remove_html_comments"
  ]
 ],
 "Bourne Again Shell": [
  [
   "remove_matches",
   "^\\s*#"
  ],
  [
   "remove_inline",
   "#.*$"
  ]
 ],
 "Bourne Shell": [
  [
   "remove_matches",
   "^\\s*#"
  ],
  [
   "remove_inline",
   "#.*$"
  ]
 ],
 "Brainfuck": [
  [
   "remove_bf_comments"
  ]
 ],
 "BrightScript": [
  [
   "remove_matches",
   "^\\s*rem"
  ],
  [
   "remove_matches",
   "^\\s*'"
  ]
 ],
 "C": [
  [
   "rm_comments_in_strings",
   "\"",
   "/*",
   "*/"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "//",
   ""
  ],
  [
   "call_regexp_common",
   "C++"
  ]
 ],
 "C Shell": [
  [
   "remove_matches",
   "^\\s*#"
  ],
  [
   "remove_inline",
   "#.*$"
  ]
 ],
 "C#": [
  [
   "rm_comments_in_strings",
   "\"",
   "/*",
   "*/"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "//",
   ""
  ],
  [
   "call_regexp_common",
   "C++"
  ]
 ],
 "C# Designer": [
  [
   "rm_comments_in_strings",
   "\"",
   "/*",
   "*/"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "//",
   ""
  ],
  [
   "call_regexp_common",
   "C++"
  ]
 ],
 "C# Generated": [
  [
   "rm_comments_in_strings",
   "\"",
   "/*",
   "*/"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "//",
   ""
  ],
  [
   "call_regexp_common",
   "C++"
  ]
 ],
 "C#/Smalltalk": [
  [
   "die"
  ]
 ],
 "C++": [
  [
   "rm_comments_in_strings",
   "\"",
   "/*",
   "*/"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "//",
   ""
  ],
  [
   "call_regexp_common",
   "C++"
  ]
 ],
 "C/C++ Header": [
  [
   "rm_comments_in_strings",
   "\"",
   "/*",
   "*/"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "//",
   ""
  ],
  [
   "call_regexp_common",
   "C++"
  ]
 ],
 "CCS": [
  [
   "rm_comments_in_strings",
   "\"",
   "/*",
   "*/"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "//",
   ""
  ],
  [
   "call_regexp_common",
   "C"
  ]
 ],
 "CMake": [
  [
   "remove_matches",
   "^\\s*#"
  ],
  [
   "remove_inline",
   "#.*$"
  ]
 ],
 "COBOL": [
  [
   "remove_cobol_comments"
  ]
 ],
 "CSON": [
  [
   "remove_matches",
   "^\\s*#"
  ],
  [
   "remove_inline",
   "#.*$"
  ]
 ],
 "CSS": [
  [
   "rm_comments_in_strings",
   "\"",
   "/*",
   "*/"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "//",
   ""
  ],
  [
   "call_regexp_common",
   "C"
  ]
 ],
 "CSV": [
  [
   "remove_matches",
   "^\\s*$"
  ]
 ],
 "CUDA": [
  [
   "rm_comments_in_strings",
   "\"",
   "/*",
   "*/"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "//",
   ""
  ],
  [
   "call_regexp_common",
   "C++"
  ]
 ],
 "Cairo": [
  [
   "rm_comments_in_strings",
   "\"",
   "/*",
   "*/"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "//",
   ""
  ],
  [
   "remove_matches",
   "^\\s*#"
  ],
  [
   "call_regexp_common",
   "C++"
  ]
 ],
 "Cake Build Script": [
  [
   "rm_comments_in_strings",
   "\"",
   "/*",
   "*/"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "//",
   ""
  ],
  [
   "call_regexp_common",
   "C++"
  ]
 ],
 "Carbon": [
  [
   "rm_comments_in_strings",
   "\"",
   "/*",
   "*/"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "//",
   ""
  ],
  [
   "call_regexp_common",
   "C++"
  ]
 ],
 "Chapel": [
  [
   "rm_comments_in_strings",
   "\"",
   "/*",
   "*/"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "//",
   ""
  ],
  [
   "call_regexp_common",
   "C++"
  ]
 ],
 "Circom": [
  [
   "rm_comments_in_strings",
   "\"",
   "/*",
   "*/"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "//",
   ""
  ],
  [
   "call_regexp_common",
   "C++"
  ]
 ],
 "Clean": [
  [
   "rm_comments_in_strings",
   "\"",
   "/*",
   "*/"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "//",
   ""
  ],
  [
   "call_regexp_common",
   "C++"
  ]
 ],
 "Clojure": [
  [
   "remove_matches",
   "^\\s*;"
  ],
  [
   "remove_matches",
   "^\\s*#_"
  ]
 ],
 "ClojureC": [
  [
   "remove_matches",
   "^\\s*;"
  ]
 ],
 "ClojureScript": [
  [
   "remove_matches",
   "^\\s*;"
  ]
 ],
 "CoffeeScript": [
  [
   "remove_matches",
   "^\\s*#"
  ],
  [
   "remove_inline",
   "#.*$"
  ]
 ],
 "ColdFusion": [
  [
   "remove_html_comments"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "/*",
   "*/"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "//",
   ""
  ],
  [
   "call_regexp_common",
   "HTML"
  ]
 ],
 "ColdFusion CFScript": [
  [
   "rm_comments_in_strings",
   "\"",
   "/*",
   "*/"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "//",
   ""
  ],
  [
   "call_regexp_common",
   "C++"
  ]
 ],
 "Containerfile": [
  [
   "remove_matches",
   "^\\s*#"
  ],
  [
   "remove_inline",
   "#.*$"
  ]
 ],
 "Coq": [
  [
   "remove_between_general",
   "(*",
   "*)"
  ]
 ],
 "Crystal": [
  [
   "remove_matches",
   "^\\s*#"
  ],
  [
   "remove_inline",
   "#.*$"
  ]
 ],
 "Crystal Reports": [
  [
   "remove_matches",
   "^\\s*//"
  ]
 ],
 "Cucumber": [
  [
   "remove_matches",
   "^\\s*#"
  ]
 ],
 "Cython": [
  [
   "rm_comments_in_strings",
   "\"",
   "/*",
   "*/"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "//",
   ""
  ],
  [
   "remove_matches",
   "^\\s*#"
  ],
  [
   "docstring_to_C"
  ],
  [
   "call_regexp_common",
   "C"
  ],
  [
   "remove_inline",
   "#.*$"
  ]
 ],
 "D": [
  [
   "rm_comments_in_strings",
   "\"",
   "/*",
   "*/"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "//",
   ""
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "/+",
   "+/"
  ],
  [
   "remove_between_general",
   "/+",
   "+/"
  ],
  [
   "call_regexp_common",
   "C++"
  ]
 ],
 "D/dtrace": [
  [
   "die"
  ]
 ],
 "DAL": [
  [
   "remove_between_general",
   "[",
   "]"
  ]
 ],
 "DIET": [
  [
   "remove_pug_block"
  ],
  [
   "remove_matches",
   "^\\s*//"
  ],
  [
   "remove_inline",
   "//.*$"
  ]
 ],
 "DITA": [
  [
   "remove_html_comments"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "/*",
   "*/"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "//",
   ""
  ],
  [
   "call_regexp_common",
   "HTML"
  ]
 ],
 "DOORS Extension Language": [
  [
   "rm_comments_in_strings",
   "\"",
   "/*",
   "*/"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "//",
   ""
  ],
  [
   "call_regexp_common",
   "C++"
  ]
 ],
 "DOS Batch": [
  [
   "remove_matches",
   "^\\s*rem"
  ],
  [
   "remove_matches",
   "^\\s*::"
  ]
 ],
 "DTD": [
  [
   "remove_html_comments"
  ],
  [
   "call_regexp_common",
   "HTML"
  ]
 ],
 "Dart": [
  [
   "rm_comments_in_strings",
   "\"",
   "/*",
   "*/"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "//",
   ""
  ],
  [
   "call_regexp_common",
   "C++"
  ]
 ],
 "Delphi Form": [
  [
   "remove_between_regex",
   "\\{[^$]",
   "}"
  ],
  [
   "remove_between_general",
   "(*",
   "*)"
  ],
  [
   "remove_matches",
   "^\\s*//"
  ]
 ],
 "DenizenScript": [
  [
   "remove_matches",
   "^\\s*#"
  ],
  [
   "remove_inline",
   "#.*$"
  ]
 ],
 "Derw": [
  [
   "remove_matches",
   "^\\s*--"
  ],
  [
   "remove_between_general",
   "{-",
   "-}"
  ],
  [
   "remove_inline",
   "--.*$"
  ]
 ],
 "Dockerfile": [
  [
   "remove_matches",
   "^\\s*#"
  ],
  [
   "remove_inline",
   "#.*$"
  ]
 ],
 "Drools": [
  [
   "rm_comments_in_strings",
   "\"",
   "/*",
   "*/"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "//",
   ""
  ],
  [
   "call_regexp_common",
   "C++"
  ]
 ],
 "ECPP": [
  [
   "remove_between_general",
   "<%doc>",
   "</%doc>"
  ],
  [
   "remove_between_general",
   "<#",
   "#>"
  ],
  [
   "call_regexp_common",
   "HTML"
  ]
 ],
 "EEx": [
  [
   "remove_between_general",
   "<%#",
   "%>"
  ]
 ],
 "EJS": [
  [
   "remove_between_general",
   "<%#",
   "%>"
  ],
  [
   "remove_html_comments"
  ]
 ],
 "ERB": [
  [
   "remove_between_general",
   "<%#",
   "%>"
  ]
 ],
 "Elixir": [
  [
   "remove_matches",
   "^\\s*#"
  ],
  [
   "elixir_doc_to_C"
  ],
  [
   "call_regexp_common",
   "C"
  ],
  [
   "remove_inline",
   "#.*$"
  ]
 ],
 "Elm": [
  [
   "remove_haskell_comments",
   ">filename<"
  ]
 ],
 "Embedded Crystal": [
  [
   "remove_between_general",
   "<%#",
   "%>"
  ]
 ],
 "Erlang": [
  [
   "remove_matches",
   "^\\s*%"
  ],
  [
   "remove_inline",
   "%.*$"
  ]
 ],
 "Expect": [
  [
   "remove_matches",
   "^\\s*#"
  ],
  [
   "remove_inline",
   "#.*$"
  ]
 ],
 "F#": [
  [
   "remove_between_general",
   "(*",
   "*)"
  ],
  [
   "remove_matches",
   "^\\s*//"
  ]
 ],
 "F# Script": [
  [
   "call_regexp_common",
   "Pascal"
  ],
  [
   "remove_matches",
   "^\\s*//"
  ]
 ],
 "F#/Forth": [
  [
   "die"
  ]
 ],
 "FXML": [
  [
   "remove_html_comments"
  ],
  [
   "call_regexp_common",
   "HTML"
  ]
 ],
 "Fennel": [
  [
   "remove_matches",
   "^\\s*;"
  ],
  [
   "remove_inline",
   ";.*$"
  ]
 ],
 "Finite State Language": [
  [
   "rm_comments_in_strings",
   "\"",
   "/*",
   "*/"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "//",
   ""
  ],
  [
   "call_regexp_common",
   "C++"
  ]
 ],
 "Fish Shell": [
  [
   "remove_matches",
   "^\\s*#"
  ],
  [
   "remove_inline",
   "#.*$"
  ]
 ],
 "Flatbuffers": [
  [
   "rm_comments_in_strings",
   "\"",
   "/*",
   "*/"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "//",
   ""
  ],
  [
   "call_regexp_common",
   "C++"
  ],
  [
   "remove_inline",
   "//.*$"
  ]
 ],
 "Focus": [
  [
   "remove_matches",
   "^\\s*\\-\\*"
  ]
 ],
 "Forth": [
  [
   "remove_matches",
   "^\\s*\\\\.*$"
  ],
  [
   "Forth_paren_to_C"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "/*",
   "*/"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "//",
   ""
  ],
  [
   "call_regexp_common",
   "C++"
  ],
  [
   "remove_inline",
   "\\\\.*$"
  ]
 ],
 "Fortran 77": [
  [
   "remove_f77_comments"
  ],
  [
   "remove_inline",
   "\\!.*$"
  ]
 ],
 "Fortran 77/Forth": [
  [
   "die"
  ]
 ],
 "Fortran 90": [
  [
   "remove_f77_comments"
  ],
  [
   "remove_f90_comments"
  ],
  [
   "remove_inline",
   "\\!.*$"
  ]
 ],
 "Fortran 95": [
  [
   "remove_f77_comments"
  ],
  [
   "remove_f90_comments"
  ],
  [
   "remove_inline",
   "\\!.*$"
  ]
 ],
 "Freemarker Template": [
  [
   "remove_between_general",
   "<#--",
   "-->"
  ]
 ],
 "Futhark": [
  [
   "remove_matches",
   "^\\s*--"
  ]
 ],
 "GDScript": [
  [
   "remove_matches",
   "^\\s*#"
  ],
  [
   "remove_inline",
   "#.*$"
  ]
 ],
 "GLSL": [
  [
   "rm_comments_in_strings",
   "\"",
   "/*",
   "*/"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "//",
   ""
  ],
  [
   "call_regexp_common",
   "C++"
  ]
 ],
 "Gencat NLS": [
  [
   "remove_matches",
   "^\\$ .*$"
  ]
 ],
 "Glade": [
  [
   "remove_html_comments"
  ],
  [
   "call_regexp_common",
   "HTML"
  ]
 ],
 "Gleam": [
  [
   "remove_matches",
   "^\\s*//"
  ],
  [
   "remove_inline",
   "//.*$"
  ]
 ],
 "Go": [
  [
   "rm_comments_in_strings",
   "\"",
   "/*",
   "*/"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "//",
   ""
  ],
  [
   "call_regexp_common",
   "C++"
  ],
  [
   "remove_inline",
   "//.*$"
  ]
 ],
 "Godot Resource": [
  [
   "remove_matches",
   "^\\s*;"
  ]
 ],
 "Godot Scene": [
  [
   "remove_matches",
   "^\\s*;"
  ]
 ],
 "Godot Shaders": [
  [
   "remove_matches",
   "^\\s*//"
  ],
  [
   "remove_inline",
   "//.*$"
  ]
 ],
 "Gradle": [
  [
   "remove_inline",
   "//.*$"
  ],
  [
   "replace_between_regex",
   "([\"'])(.*?/)(\\*.*?)\\g1",
   "(.*?)",
   "\"$1$2$1 + $1$3$1$4\"",
   0
  ],
  [
   "rm_comments_in_strings",
   "\"\"\"",
   "/*",
   "*/",
   1
  ],
  [
   "rm_comments_in_strings",
   "\"\"\"",
   "//",
   "",
   1
  ],
  [
   "rm_comments_in_strings",
   "'''",
   "/*",
   "*/",
   1
  ],
  [
   "rm_comments_in_strings",
   "'''",
   "//",
   "",
   1
  ],
  [
   "call_regexp_common",
   "C++"
  ]
 ],
 "Grails": [
  [
   "remove_html_comments"
  ],
  [
   "call_regexp_common",
   "HTML"
  ],
  [
   "remove_jsp_comments"
  ],
  [
   "add_newlines"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "/*",
   "*/"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "//",
   ""
  ],
  [
   "call_regexp_common",
   "C++"
  ]
 ],
 "GraphQL": [
  [
   "remove_matches",
   "^\\s*#"
  ],
  [
   "docstring_to_C"
  ],
  [
   "call_regexp_common",
   "C"
  ],
  [
   "remove_inline",
   "#.*$"
  ]
 ],
 "Groovy": [
  [
   "remove_inline",
   "//.*$"
  ],
  [
   "replace_between_regex",
   "([\"'])(.*?/)(\\*.*?)\\g1",
   "(.*?)",
   "\"$1$2$1 + $1$3$1$4\"",
   0
  ],
  [
   "rm_comments_in_strings",
   "\"\"\"",
   "/*",
   "*/",
   1
  ],
  [
   "rm_comments_in_strings",
   "\"\"\"",
   "//",
   "",
   1
  ],
  [
   "rm_comments_in_strings",
   "'''",
   "/*",
   "*/",
   1
  ],
  [
   "rm_comments_in_strings",
   "'''",
   "//",
   "",
   1
  ],
  [
   "call_regexp_common",
   "C++"
  ]
 ],
 "HCL": [
  [
   "remove_matches",
   "^\\s*#"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "/*",
   "*/"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "//",
   ""
  ],
  [
   "call_regexp_common",
   "C++"
  ]
 ],
 "HLSL": [
  [
   "remove_inline",
   "//.*$"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "/*",
   "*/"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "//",
   ""
  ],
  [
   "call_regexp_common",
   "C++"
  ]
 ],
 "HTML": [
  [
   "remove_html_comments"
  ],
  [
   "call_regexp_common",
   "HTML"
  ]
 ],
 "HTML EEx": [
  [
   "remove_matches",
   "^\\s*<% #"
  ],
  [
   "remove_between_general",
   "<%!--",
   "--%>"
  ]
 ],
 "Haml": [
  [
   "remove_haml_block"
  ],
  [
   "remove_html_comments"
  ],
  [
   "remove_matches",
   "^\\s*/\\s*\\S+"
  ],
  [
   "remove_matches",
   "^\\s*-#\\s*\\S+"
  ]
 ],
 "Handlebars": [
  [
   "remove_between_general",
   "{{!--",
   "--}}"
  ],
  [
   "remove_between_general",
   "{{!",
   "}}"
  ],
  [
   "remove_html_comments"
  ]
 ],
 "Harbour": [
  [
   "remove_matches",
   "^\\s*\\&\\&"
  ],
  [
   "remove_matches",
   "^\\s*\\*"
  ],
  [
   "remove_matches",
   "^\\s*NOTE"
  ],
  [
   "remove_matches",
   "^\\s*note"
  ],
  [
   "remove_matches",
   "^\\s*Note"
  ],
  [
   "remove_inline",
   "//.*$"
  ],
  [
   "remove_inline",
   "\\&\\&.*$"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "/*",
   "*/"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "//",
   ""
  ],
  [
   "call_regexp_common",
   "C++"
  ]
 ],
 "Haskell": [
  [
   "remove_haskell_comments",
   ">filename<"
  ]
 ],
 "Haxe": [
  [
   "rm_comments_in_strings",
   "\"",
   "/*",
   "*/"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "//",
   ""
  ],
  [
   "call_regexp_common",
   "C++"
  ]
 ],
 "HolyC": [
  [
   "rm_comments_in_strings",
   "\"",
   "/*",
   "*/"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "//",
   ""
  ],
  [
   "call_regexp_common",
   "C++"
  ]
 ],
 "Hoon": [
  [
   "remove_matches",
   "^\\s*:[:><]"
  ],
  [
   "remove_inline",
   ":[:><].*$"
  ]
 ],
 "IDL": [
  [
   "remove_matches",
   "^\\s*;"
  ]
 ],
 "IDL/Qt Project/Prolog/ProGuard": [
  [
   "die"
  ]
 ],
 "INI": [
  [
   "remove_matches",
   "^\\s*;"
  ]
 ],
 "IPL": [
  [
   "rm_comments_in_strings",
   "\"",
   "/*",
   "*/"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "//",
   ""
  ],
  [
   "call_regexp_common",
   "C++"
  ]
 ],
 "Idris": [
  [
   "remove_haskell_comments",
   ">filename<"
  ],
  [
   "remove_matches",
   "^\\s*\\|{3}"
  ]
 ],
 "Igor Pro": [
  [
   "remove_matches",
   "^\\s*//"
  ],
  [
   "remove_inline",
   "//.*$"
  ]
 ],
 "Imba": [
  [
   "remove_matches",
   "^\\s*#\\s"
  ],
  [
   "remove_inline",
   "#\\s.*$"
  ],
  [
   "remove_between_regex",
   "###",
   "###"
  ]
 ],
 "InstallShield": [
  [
   "remove_html_comments"
  ],
  [
   "call_regexp_common",
   "HTML"
  ]
 ],
 "JCL": [
  [
   "remove_jcl_comments"
  ]
 ],
 "JSON": [
  [
   "remove_matches",
   "^\\s*$"
  ]
 ],
 "JSON5": [
  [
   "rm_comments_in_strings",
   "\"",
   "/*",
   "*/"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "//",
   ""
  ],
  [
   "call_regexp_common",
   "C++"
  ]
 ],
 "JSP": [
  [
   "remove_html_comments"
  ],
  [
   "call_regexp_common",
   "HTML"
  ],
  [
   "remove_jsp_comments"
  ],
  [
   "remove_matches",
   "^\\s*//"
  ],
  [
   "add_newlines"
  ],
  [
   "call_regexp_common",
   "C"
  ]
 ],
 "JSX": [
  [
   "rm_comments_in_strings",
   "\"",
   "/*",
   "*/"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "//",
   ""
  ],
  [
   "call_regexp_common",
   "C++"
  ]
 ],
 "Jam": [
  [
   "remove_matches",
   "^\\s*#"
  ],
  [
   "remove_inline",
   "#.*$"
  ]
 ],
 "Java": [
  [
   "replace_regex",
   "\\\\$",
   " "
  ],
  [
   "replace_between_regex",
   "([\"'])(.*?/\\*)\\g1",
   "(.*?)",
   "\"xx\""
  ],
  [
   "replace_between_regex",
   "([\"'])(.*?\\*/)\\g1",
   "(.*?)",
   "\"xx\""
  ],
  [
   "call_regexp_common",
   "C++"
  ]
 ],
 "JavaScript": [
  [
   "rm_comments_in_strings",
   "'",
   "/*",
   "*/"
  ],
  [
   "rm_comments_in_strings",
   "'",
   "//",
   ""
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "/*",
   "*/"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "//",
   ""
  ],
  [
   "call_regexp_common",
   "C++"
  ]
 ],
 "JavaServer Faces": [
  [
   "rm_comments_in_strings",
   "\"",
   "/*",
   "*/"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "//",
   ""
  ],
  [
   "call_regexp_common",
   "C++"
  ]
 ],
 "Jinja Template": [
  [
   "remove_between_general",
   "{#",
   "#}"
  ]
 ],
 "Julia": [
  [
   "remove_between_general",
   "#=",
   "=#"
  ],
  [
   "remove_matches",
   "^\\s*#"
  ],
  [
   "docstring_to_C"
  ],
  [
   "call_regexp_common",
   "C"
  ],
  [
   "remove_inline",
   "#.*$"
  ]
 ],
 "Juniper Junos": [
  [
   "remove_matches",
   "^\\s*#"
  ],
  [
   "call_regexp_common",
   "C"
  ],
  [
   "remove_inline",
   "#.*$"
  ]
 ],
 "Jupyter Notebook": [
  [
   "jupyter_nb"
  ],
  [
   "remove_matches",
   "^\\s*$"
  ]
 ],
 "Kermit": [
  [
   "remove_matches",
   "^\\s*#"
  ],
  [
   "remove_matches",
   "^\\s*;"
  ],
  [
   "remove_inline",
   "#.*$"
  ]
 ],
 "Korn Shell": [
  [
   "remove_matches",
   "^\\s*#"
  ],
  [
   "remove_inline",
   "#.*$"
  ]
 ],
 "Kotlin": [
  [
   "rm_comments_in_strings",
   "\"\"\"",
   "/*",
   "*/",
   1
  ],
  [
   "rm_comments_in_strings",
   "\"\"\"",
   "//",
   "",
   1
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "/*",
   "*/"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "//",
   ""
  ],
  [
   "call_regexp_common",
   "C++"
  ]
 ],
 "LESS": [
  [
   "rm_comments_in_strings",
   "\"",
   "/*",
   "*/"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "//",
   ""
  ],
  [
   "call_regexp_common",
   "C++"
  ]
 ],
 "LFE": [
  [
   "remove_matches",
   "^\\s*;"
  ],
  [
   "remove_between_general",
   "#|",
   "|#"
  ]
 ],
 "LLVM IR": [
  [
   "remove_matches",
   "^\\s*;"
  ],
  [
   "remove_inline",
   ";.*$"
  ]
 ],
 "Lean": [
  [
   "remove_between_general",
   "/-",
   "-/"
  ],
  [
   "remove_matches",
   "^\\s*--"
  ],
  [
   "remove_inline",
   "--.*$"
  ]
 ],
 "Lem": [
  [
   "remove_OCaml_comments"
  ]
 ],
 "Lisp": [
  [
   "remove_matches",
   "^\\s*;"
  ],
  [
   "remove_between_general",
   "#|",
   "|#"
  ]
 ],
 "Lisp/Julia": [
  [
   "die"
  ]
 ],
 "Lisp/OpenCL": [
  [
   "die"
  ]
 ],
 "Literate Idris": [
  [
   "remove_matches",
   "^[^>]"
  ]
 ],
 "LiveLink OScript": [
  [
   "remove_matches",
   "^\\s*//"
  ]
 ],
 "Logos": [
  [
   "remove_matches",
   "^\\s*#"
  ],
  [
   "remove_inline",
   "#.*$"
  ]
 ],
 "Logtalk": [
  [
   "remove_matches",
   "^\\s*\\%"
  ],
  [
   "call_regexp_common",
   "C"
  ],
  [
   "remove_inline",
   "(//|\\%).*$"
  ]
 ],
 "Lua": [
  [
   "remove_between_general",
   "--[=====[",
   "]=====]"
  ],
  [
   "remove_between_general",
   "--[====[",
   "]====]"
  ],
  [
   "remove_between_general",
   "--[===[",
   "]===]"
  ],
  [
   "remove_between_general",
   "--[==[",
   "]==]"
  ],
  [
   "remove_between_general",
   "--[=[",
   "]=]"
  ],
  [
   "remove_between_general",
   "--[[",
   "]]"
  ],
  [
   "remove_matches",
   "^\\s*\\-\\-"
  ]
 ],
 "MATLAB": [
  [
   "remove_between_general",
   "%{",
   "%}"
  ],
  [
   "remove_matches",
   "^\\s*%"
  ],
  [
   "remove_inline",
   "%.*$"
  ]
 ],
 "MATLAB/Mathematica/Objective-C/MUMPS/Mercury": [
  [
   "die"
  ]
 ],
 "MSBuild script": [
  [
   "remove_html_comments"
  ],
  [
   "call_regexp_common",
   "HTML"
  ]
 ],
 "MUMPS": [
  [
   "remove_matches",
   "^\\s*;"
  ]
 ],
 "MXML": [
  [
   "remove_html_comments"
  ],
  [
   "call_regexp_common",
   "HTML"
  ],
  [
   "remove_matches",
   "^\\s*//"
  ],
  [
   "add_newlines"
  ],
  [
   "call_regexp_common",
   "C"
  ]
 ],
 "Mako": [
  [
   "remove_matches",
   "##.*$"
  ]
 ],
 "Markdown": [
  [
   "remove_between_general",
   "<!--",
   "-->"
  ],
  [
   "remove_between_regex",
   "\\[(comment|\\/\\/)?\\]\\s*:?\\s*(<\\s*>|#)?\\s*\\(.*?",
   ".*?\\)"
  ]
 ],
 "Mathematica": [
  [
   "remove_between_general",
   "(*",
   "*)"
  ]
 ],
 "Maven": [
  [
   "remove_html_comments"
  ],
  [
   "call_regexp_common",
   "HTML"
  ]
 ],
 "Maven/XML": [
  [
   "remove_html_comments"
  ],
  [
   "call_regexp_common",
   "HTML"
  ]
 ],
 "Mercury": [
  [
   "remove_inline",
   "%.*$"
  ],
  [
   "remove_matches",
   "^\\s*%"
  ]
 ],
 "Meson": [
  [
   "remove_matches",
   "^\\s*#"
  ],
  [
   "remove_inline",
   "#.*$"
  ]
 ],
 "Metal": [
  [
   "rm_comments_in_strings",
   "\"",
   "/*",
   "*/"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "//",
   ""
  ],
  [
   "call_regexp_common",
   "C++"
  ]
 ],
 "Modula3": [
  [
   "call_regexp_common",
   "Pascal"
  ]
 ],
 "Mojo": [
  [
   "call_regexp_common",
   "C++"
  ]
 ],
 "Mustache": [
  [
   "remove_between_general",
   "{{!",
   "}}"
  ]
 ],
 "NASTRAN DMAP": [
  [
   "remove_matches",
   "^\\s*\\$"
  ],
  [
   "remove_inline",
   "\\$.*$"
  ]
 ],
 "NAnt script": [
  [
   "remove_html_comments"
  ],
  [
   "call_regexp_common",
   "HTML"
  ]
 ],
 "Nemerle": [
  [
   "rm_comments_in_strings",
   "\"",
   "/*",
   "*/"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "//",
   ""
  ],
  [
   "call_regexp_common",
   "C++"
  ]
 ],
 "Nim": [
  [
   "remove_between_general",
   "#[",
   "]#"
  ],
  [
   "remove_matches",
   "^\\s*#"
  ],
  [
   "remove_inline",
   "#.*$"
  ]
 ],
 "Nix": [
  [
   "call_regexp_common",
   "C"
  ],
  [
   "remove_matches",
   "^\\s*#"
  ],
  [
   "remove_inline",
   "#.*$"
  ]
 ],
 "Nunjucks": [
  [
   "remove_between_general",
   "{#",
   "#}"
  ]
 ],
 "OCaml": [
  [
   "rm_comments_in_strings",
   "\"",
   "(*",
   "*)",
   1
  ],
  [
   "remove_OCaml_comments"
  ]
 ],
 "Objective-C": [
  [
   "rm_comments_in_strings",
   "\"",
   "/*",
   "*/"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "//",
   ""
  ],
  [
   "call_regexp_common",
   "C++"
  ]
 ],
 "Objective-C++": [
  [
   "rm_comments_in_strings",
   "\"",
   "/*",
   "*/"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "//",
   ""
  ],
  [
   "call_regexp_common",
   "C++"
  ]
 ],
 "Octave": [
  [
   "remove_matches",
   "^\\s*#"
  ],
  [
   "remove_inline",
   "#.*$"
  ]
 ],
 "Odin": [
  [
   "rm_comments_in_strings",
   "\"",
   "/*",
   "*/"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "//",
   ""
  ],
  [
   "call_regexp_common",
   "C++"
  ]
 ],
 "OpenCL": [
  [
   "rm_comments_in_strings",
   "\"",
   "/*",
   "*/"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "//",
   ""
  ],
  [
   "call_regexp_common",
   "C++"
  ]
 ],
 "OpenSCAD": [
  [
   "rm_comments_in_strings",
   "\"",
   "/*",
   "*/"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "//",
   ""
  ],
  [
   "call_regexp_common",
   "C++"
  ]
 ],
 "Oracle Forms": [
  [
   "call_regexp_common",
   "C"
  ]
 ],
 "Oracle PL/SQL": [
  [
   "call_regexp_common",
   "PL/SQL"
  ]
 ],
 "Oracle Reports": [
  [
   "call_regexp_common",
   "C"
  ]
 ],
 "P4": [
  [
   "rm_comments_in_strings",
   "\"",
   "/*",
   "*/"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "//",
   ""
  ],
  [
   "call_regexp_common",
   "C++"
  ]
 ],
 "PEG": [
  [
   "rm_comments_in_strings",
   "\"",
   "/*",
   "*/"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "//",
   ""
  ],
  [
   "call_regexp_common",
   "C++"
  ]
 ],
 "PHP": [
  [
   "remove_matches",
   "^\\s*#"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "/*",
   "*/"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "//",
   ""
  ],
  [
   "call_regexp_common",
   "C++"
  ],
  [
   "remove_inline",
   "#.*$"
  ]
 ],
 "PHP/Pascal": [
  [
   "die"
  ]
 ],
 "PL/I": [
  [
   "call_regexp_common",
   "C"
  ]
 ],
 "PL/M": [
  [
   "call_regexp_common",
   "C"
  ]
 ],
 "PO File": [
  [
   "remove_matches",
   "^\\s*#[^,]"
  ]
 ],
 "Pascal": [
  [
   "remove_between_regex",
   "\\{[^$]",
   "}"
  ],
  [
   "remove_between_general",
   "(*",
   "*)"
  ],
  [
   "remove_matches",
   "^\\s*//"
  ]
 ],
 "Pascal/Puppet": [
  [
   "die"
  ]
 ],
 "Patran Command Language": [
  [
   "remove_matches",
   "^\\s*#"
  ],
  [
   "remove_matches",
   "^\\s*\\$#"
  ],
  [
   "call_regexp_common",
   "C"
  ]
 ],
 "Perl": [
  [
   "remove_below",
   "^__(END|DATA)__"
  ],
  [
   "remove_matches",
   "^\\s*#"
  ],
  [
   "remove_below_above",
   "^=head1",
   "^=cut"
  ],
  [
   "remove_inline",
   "#.*$"
  ]
 ],
 "Perl/Prolog": [
  [
   "die"
  ]
 ],
 "Pest": [
  [
   "remove_matches",
   "^\\s*//"
  ],
  [
   "remove_inline",
   "//.*$"
  ]
 ],
 "Pig Latin": [
  [
   "remove_matches",
   "^\\s*--"
  ],
  [
   "remove_inline",
   "--.*$"
  ],
  [
   "call_regexp_common",
   "C"
  ]
 ],
 "PlantUML": [
  [
   "remove_between_general",
   "/'",
   "'/"
  ],
  [
   "remove_matches",
   "^\\s*'"
  ]
 ],
 "Pony": [
  [
   "rm_comments_in_strings",
   "\"",
   "/*",
   "*/"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "//",
   ""
  ],
  [
   "docstring_to_C"
  ],
  [
   "call_regexp_common",
   "C++"
  ]
 ],
 "PowerBuilder": [
  [
   "rm_comments_in_strings",
   "\"",
   "/*",
   "*/"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "//",
   ""
  ],
  [
   "call_regexp_common",
   "C++"
  ]
 ],
 "PowerShell": [
  [
   "powershell_to_C"
  ],
  [
   "call_regexp_common",
   "C"
  ],
  [
   "remove_matches",
   "^\\s*#"
  ],
  [
   "remove_inline",
   "#.*$"
  ]
 ],
 "ProGuard": [
  [
   "remove_matches",
   "^\\s*#"
  ],
  [
   "remove_inline",
   "#.*$"
  ]
 ],
 "Prolog": [
  [
   "remove_matches",
   "^\\s*\\%"
  ],
  [
   "call_regexp_common",
   "C"
  ],
  [
   "remove_inline",
   "(//|\\%).*$"
  ]
 ],
 "Properties": [
  [
   "remove_matches",
   "^\\s*#"
  ],
  [
   "remove_matches",
   "^\\s*!"
  ]
 ],
 "Protocol Buffers": [
  [
   "rm_comments_in_strings",
   "\"",
   "/*",
   "*/"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "//",
   ""
  ],
  [
   "call_regexp_common",
   "C++"
  ]
 ],
 "Pug": [
  [
   "remove_pug_block"
  ],
  [
   "remove_matches",
   "^\\s*//"
  ],
  [
   "remove_inline",
   "//.*$"
  ]
 ],
 "Puppet": [
  [
   "remove_matches",
   "^\\s*#"
  ],
  [
   "call_regexp_common",
   "C"
  ],
  [
   "remove_inline",
   "#.*$"
  ]
 ],
 "PureScript": [
  [
   "remove_matches",
   "^\\s*--"
  ],
  [
   "remove_between_general",
   "{-",
   "-}"
  ],
  [
   "remove_inline",
   "--.*$"
  ]
 ],
 "Python": [
  [
   "remove_matches",
   "/\\*"
  ],
  [
   "remove_matches",
   "\\*/"
  ],
  [
   "remove_matches",
   "^\\s*#"
  ],
  [
   "docstring_to_C"
  ],
  [
   "call_regexp_common",
   "C"
  ],
  [
   "remove_inline",
   "#.*$"
  ]
 ],
 "QML": [
  [
   "rm_comments_in_strings",
   "\"",
   "/*",
   "*/"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "//",
   ""
  ],
  [
   "call_regexp_common",
   "C++"
  ],
  [
   "remove_inline",
   "//.*$"
  ]
 ],
 "Qt": [
  [
   "remove_html_comments"
  ],
  [
   "call_regexp_common",
   "HTML"
  ]
 ],
 "Qt Linguist": [
  [
   "remove_html_comments"
  ],
  [
   "call_regexp_common",
   "HTML"
  ]
 ],
 "Qt Project": [
  [
   "remove_matches",
   "^\\s*#"
  ],
  [
   "remove_inline",
   "#.*$"
  ]
 ],
 "R": [
  [
   "remove_matches",
   "^\\s*#"
  ],
  [
   "remove_inline",
   "#.*$"
  ]
 ],
 "RAML": [
  [
   "remove_matches",
   "^\\s*#"
  ],
  [
   "remove_inline",
   "#.*$"
  ]
 ],
 "Racket": [
  [
   "remove_matches",
   "^\\s*;"
  ],
  [
   "remove_inline",
   ";.*$"
  ]
 ],
 "Raku": [
  [
   "remove_matches",
   "^\\s*#"
  ],
  [
   "remove_below_above",
   "^=head1",
   "^=cut"
  ],
  [
   "remove_below_above",
   "^=begin",
   "^=end"
  ],
  [
   "remove_inline",
   "#.*$"
  ]
 ],
 "Raku/Prolog": [
  [
   "die"
  ]
 ],
 "RapydScript": [
  [
   "remove_matches",
   "^\\s*#"
  ],
  [
   "docstring_to_C"
  ],
  [
   "call_regexp_common",
   "C"
  ],
  [
   "remove_inline",
   "#.*$"
  ]
 ],
 "Razor": [
  [
   "remove_between_general",
   "@*",
   "*@"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "/*",
   "*/"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "//",
   ""
  ],
  [
   "call_regexp_common",
   "C++"
  ],
  [
   "remove_between_general",
   "<!--",
   "-->"
  ]
 ],
 "ReScript": [
  [
   "rm_comments_in_strings",
   "\"",
   "/*",
   "*/"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "//",
   ""
  ],
  [
   "call_regexp_common",
   "C++"
  ]
 ],
 "ReasonML": [
  [
   "rm_comments_in_strings",
   "\"",
   "/*",
   "*/"
  ],
  [
   "remove_between_general",
   "/*",
   "*/"
  ]
 ],
 "Rexx": [
  [
   "call_regexp_common",
   "C"
  ]
 ],
 "Ring": [
  [
   "remove_inline",
   "#.*$"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "/*",
   "*/"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "//",
   ""
  ],
  [
   "call_regexp_common",
   "C++"
  ]
 ],
 "Rmd": [
  [
   "reduce_to_rmd_code_blocks"
  ],
  [
   "remove_matches",
   "^\\s*#"
  ],
  [
   "remove_inline",
   "#.*$"
  ]
 ],
 "RobotFramework": [
  [
   "remove_matches",
   "^\\s*#"
  ],
  [
   "remove_matches",
   "^\\s*Comment"
  ],
  [
   "remove_matches",
   "^\\s*\\*{3}\\s+(Variables|Test\\s+Cases|Settings|Keywords)\\s+\\*{3}"
  ],
  [
   "remove_matches",
   "^\\s*\\[(Documentation|Tags)\\]"
  ],
  [
   "remove_inline",
   "#.*$"
  ]
 ],
 "Ruby": [
  [
   "remove_matches",
   "^\\s*#"
  ],
  [
   "remove_below_above",
   "^=begin",
   "^=end"
  ],
  [
   "remove_inline",
   "#.*$"
  ]
 ],
 "Ruby HTML": [
  [
   "remove_html_comments"
  ],
  [
   "call_regexp_common",
   "HTML"
  ]
 ],
 "Rust": [
  [
   "rm_comments_in_strings",
   "\"",
   "/*",
   "*/"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "//",
   ""
  ],
  [
   "call_regexp_common",
   "C++"
  ]
 ],
 "SAS": [
  [
   "call_regexp_common",
   "C"
  ],
  [
   "remove_between_general",
   "*",
   ";"
  ]
 ],
 "SCSS": [
  [
   "rm_comments_in_strings",
   "\"",
   "/*",
   "*/"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "//",
   ""
  ],
  [
   "call_regexp_common",
   "C++"
  ]
 ],
 "SKILL": [
  [
   "call_regexp_common",
   "C"
  ],
  [
   "remove_matches",
   "^\\s*;"
  ]
 ],
 "SKILL++": [
  [
   "call_regexp_common",
   "C"
  ],
  [
   "remove_matches",
   "^\\s*;"
  ]
 ],
 "SQL": [
  [
   "call_regexp_common",
   "C"
  ],
  [
   "remove_matches",
   "^\\s*--"
  ],
  [
   "remove_inline",
   "--.*$"
  ]
 ],
 "SQL Data": [
  [
   "call_regexp_common",
   "C"
  ],
  [
   "remove_matches",
   "^\\s*--"
  ],
  [
   "remove_inline",
   "--.*$"
  ]
 ],
 "SQL Stored Procedure": [
  [
   "call_regexp_common",
   "C"
  ],
  [
   "remove_matches",
   "^\\s*--"
  ],
  [
   "remove_inline",
   "--.*$"
  ]
 ],
 "SVG": [
  [
   "remove_html_comments"
  ],
  [
   "call_regexp_common",
   "HTML"
  ]
 ],
 "SWIG": [
  [
   "rm_comments_in_strings",
   "\"",
   "/*",
   "*/"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "//",
   ""
  ],
  [
   "call_regexp_common",
   "C++"
  ]
 ],
 "SaltStack": [
  [
   "remove_matches",
   "^\\s*#"
  ],
  [
   "remove_inline",
   "#.*$"
  ]
 ],
 "Sass": [
  [
   "rm_comments_in_strings",
   "\"",
   "/*",
   "*/"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "//",
   ""
  ],
  [
   "call_regexp_common",
   "C++"
  ]
 ],
 "Scala": [
  [
   "rm_comments_in_strings",
   "\"",
   "/*",
   "*/"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "//",
   ""
  ],
  [
   "call_regexp_common",
   "C++"
  ]
 ],
 "Scheme": [
  [
   "remove_matches",
   "^\\s*;"
  ],
  [
   "remove_inline",
   ";.*$"
  ]
 ],
 "Scheme/SaltStack": [
  [
   "die"
  ]
 ],
 "Slice": [
  [
   "rm_comments_in_strings",
   "\"",
   "/*",
   "*/"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "//",
   ""
  ],
  [
   "call_regexp_common",
   "C++"
  ]
 ],
 "Slim": [
  [
   "remove_slim_block"
  ]
 ],
 "Smalltalk": [
  [
   "call_regexp_common",
   "Smalltalk"
  ]
 ],
 "Smarty": [
  [
   "smarty_to_C"
  ],
  [
   "call_regexp_common",
   "C"
  ]
 ],
 "Softbridge Basic": [
  [
   "remove_above",
   "^\\s*Attribute\\s+VB_Name\\s+="
  ],
  [
   "remove_matches",
   "^\\s*Attribute\\s+"
  ],
  [
   "remove_matches",
   "^\\s*\\47"
  ]
 ],
 "Solidity": [
  [
   "rm_comments_in_strings",
   "\"",
   "/*",
   "*/"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "//",
   ""
  ],
  [
   "call_regexp_common",
   "C++"
  ]
 ],
 "SparForte": [
  [
   "remove_matches",
   "^\\s*#!"
  ],
  [
   "remove_matches",
   "^\\s*--"
  ]
 ],
 "Specman e": [
  [
   "pre_post_fix",
   "'>",
   "<'"
  ],
  [
   "remove_between_general",
   "^'>",
   "^<'"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "/*",
   "*/"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "//",
   ""
  ],
  [
   "call_regexp_common",
   "C++"
  ],
  [
   "remove_matches",
   "^\\s*--"
  ],
  [
   "rm_last_line"
  ]
 ],
 "Squirrel": [
  [
   "rm_comments_in_strings",
   "\"",
   "/*",
   "*/"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "//",
   ""
  ],
  [
   "call_regexp_common",
   "C++"
  ],
  [
   "remove_matches",
   "^\\s*#"
  ],
  [
   "remove_inline",
   "#.*$"
  ]
 ],
 "Standard ML": [
  [
   "remove_between_general",
   "(*",
   "*)"
  ]
 ],
 "Starlark": [
  [
   "remove_matches",
   "^\\s*#"
  ],
  [
   "docstring_to_C"
  ],
  [
   "call_regexp_common",
   "C"
  ],
  [
   "remove_inline",
   "#.*$"
  ]
 ],
 "Stata": [
  [
   "rm_comments_in_strings",
   "\"",
   "/*",
   "*/"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "//",
   ""
  ],
  [
   "call_regexp_common",
   "C++"
  ]
 ],
 "Stylus": [
  [
   "rm_comments_in_strings",
   "\"",
   "/*",
   "*/"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "//",
   ""
  ],
  [
   "call_regexp_common",
   "C++"
  ]
 ],
 "SugarSS": [
  [
   "rm_comments_in_strings",
   "\"",
   "/*",
   "*/"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "//",
   ""
  ],
  [
   "call_regexp_common",
   "C++"
  ]
 ],
 "Svelte": [
  [
   "remove_html_comments"
  ],
  [
   "call_regexp_common",
   "HTML"
  ]
 ],
 "Swift": [
  [
   "rm_comments_in_strings",
   "\"",
   "/*",
   "*/"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "//",
   ""
  ],
  [
   "call_regexp_common",
   "C++"
  ]
 ],
 "TEAL": [
  [
   "remove_matches",
   "^\\s*//"
  ]
 ],
 "TITAN Project File Information": [
  [
   "remove_html_comments"
  ],
  [
   "call_regexp_common",
   "HTML"
  ]
 ],
 "TNSDL": [
  [
   "rm_comments_in_strings",
   "\"",
   "/*",
   "*/"
  ],
  [
   "call_regexp_common",
   "C++"
  ]
 ],
 "TOML": [
  [
   "remove_matches",
   "^\\s*#"
  ],
  [
   "remove_inline",
   "#.*$"
  ]
 ],
 "TTCN": [
  [
   "rm_comments_in_strings",
   "\"",
   "/*",
   "*/"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "//",
   ""
  ],
  [
   "call_regexp_common",
   "C++"
  ]
 ],
 "TableGen": [
  [
   "rm_comments_in_strings",
   "\"",
   "/*",
   "*/"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "//",
   ""
  ],
  [
   "call_regexp_common",
   "C++"
  ]
 ],
 "Tcl/Tk": [
  [
   "remove_matches",
   "^\\s*#"
  ],
  [
   "remove_inline",
   "#.*$"
  ]
 ],
 "TeX": [
  [
   "remove_matches",
   "^\\s*%"
  ],
  [
   "remove_inline",
   "%.*$"
  ]
 ],
 "Teamcenter def": [
  [
   "remove_matches",
   "^\\s*#"
  ]
 ],
 "Teamcenter met": [
  [
   "call_regexp_common",
   "C"
  ]
 ],
 "Teamcenter mth": [
  [
   "remove_matches",
   "^\\s*#"
  ]
 ],
 "Text": [
  [
   "remove_matches",
   "^\\s*$"
  ]
 ],
 "Thrift": [
  [
   "rm_comments_in_strings",
   "\"",
   "/*",
   "*/"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "//",
   ""
  ],
  [
   "call_regexp_common",
   "C++"
  ],
  [
   "remove_matches",
   "^\\s*#"
  ],
  [
   "remove_inline",
   "#.*$"
  ]
 ],
 "Titanium Style Sheet": [
  [
   "remove_matches",
   "^\\s*//"
  ],
  [
   "remove_inline",
   "//.*$"
  ],
  [
   "remove_between_regex",
   "/[^/]",
   "[^/]/"
  ]
 ],
 "Twig": [
  [
   "remove_between_general",
   "{#",
   "#}"
  ]
 ],
 "TypeScript": [
  [
   "rm_comments_in_strings",
   "\"",
   "/*",
   "*/"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "//",
   ""
  ],
  [
   "call_regexp_common",
   "C++"
  ]
 ],
 "Umka": [
  [
   "rm_comments_in_strings",
   "\"",
   "/*",
   "*/"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "//",
   ""
  ],
  [
   "call_regexp_common",
   "C++"
  ]
 ],
 "Unity-Prefab": [
  [
   "remove_matches",
   "^\\s*#"
  ],
  [
   "remove_inline",
   "#.*$"
  ]
 ],
 "VB for Applications": [
  [
   "remove_above",
   "^\\s*Attribute\\s+VB_Name\\s+="
  ],
  [
   "remove_matches",
   "^\\s*Attribute\\s+"
  ],
  [
   "remove_matches",
   "^\\s*\\47"
  ]
 ],
 "VHDL": [
  [
   "remove_matches",
   "^\\s*--"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "/*",
   "*/"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "//",
   ""
  ],
  [
   "call_regexp_common",
   "C++"
  ],
  [
   "remove_inline",
   "--.*$"
  ]
 ],
 "Vala": [
  [
   "rm_comments_in_strings",
   "\"",
   "/*",
   "*/"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "//",
   ""
  ],
  [
   "call_regexp_common",
   "C++"
  ]
 ],
 "Vala Header": [
  [
   "rm_comments_in_strings",
   "\"",
   "/*",
   "*/"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "//",
   ""
  ],
  [
   "call_regexp_common",
   "C++"
  ]
 ],
 "Velocity Template Language": [
  [
   "remove_html_comments"
  ],
  [
   "call_regexp_common",
   "HTML"
  ],
  [
   "remove_jsp_comments"
  ],
  [
   "remove_matches",
   "^\\s*##"
  ],
  [
   "remove_between_general",
   "#**",
   "*#"
  ],
  [
   "add_newlines"
  ]
 ],
 "Verilog-SystemVerilog": [
  [
   "rm_comments_in_strings",
   "\"",
   "/*",
   "*/"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "//",
   ""
  ],
  [
   "call_regexp_common",
   "C++"
  ]
 ],
 "Verilog-SystemVerilog/Coq": [
  [
   "die"
  ]
 ],
 "Visual Basic": [
  [
   "remove_above",
   "^\\s*Attribute\\s+VB_Name\\s+="
  ],
  [
   "remove_matches",
   "^\\s*Attribute\\s+"
  ],
  [
   "remove_matches",
   "^\\s*\\47"
  ]
 ],
 "Visual Basic .NET": [
  [
   "remove_above",
   "^\\s*Attribute\\s+VB_Name\\s+="
  ],
  [
   "remove_matches",
   "^\\s*Attribute\\s+"
  ],
  [
   "remove_matches",
   "^\\s*\\47"
  ]
 ],
 "Visual Basic Script": [
  [
   "remove_above",
   "^\\s*Attribute\\s+VB_Name\\s+="
  ],
  [
   "remove_matches",
   "^\\s*Attribute\\s+"
  ],
  [
   "remove_matches",
   "^\\s*\\47"
  ]
 ],
 "Visual Fox Pro": [
  [
   "remove_matches",
   "^\\s*\\*"
  ],
  [
   "remove_inline",
   "\\*.*$"
  ],
  [
   "remove_matches",
   "^\\s*&&"
  ],
  [
   "remove_inline",
   "&&.*$"
  ]
 ],
 "Visual Studio Module": [
  [
   "rm_comments_in_strings",
   "\"",
   "/*",
   "*/"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "//",
   ""
  ],
  [
   "call_regexp_common",
   "C++"
  ]
 ],
 "Visual Studio Solution": [
  [
   "remove_matches",
   "^\\s*#"
  ],
  [
   "remove_html_comments"
  ],
  [
   "call_regexp_common",
   "HTML"
  ]
 ],
 "Visualforce Component": [
  [
   "remove_html_comments"
  ],
  [
   "call_regexp_common",
   "HTML"
  ]
 ],
 "Visualforce Page": [
  [
   "remove_html_comments"
  ],
  [
   "call_regexp_common",
   "HTML"
  ]
 ],
 "Vuejs Component": [
  [
   "remove_html_comments"
  ],
  [
   "call_regexp_common",
   "HTML"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "/*",
   "*/"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "//",
   ""
  ],
  [
   "call_regexp_common",
   "C++"
  ]
 ],
 "WGSL": [
  [
   "rm_comments_in_strings",
   "\"",
   "/*",
   "*/"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "//",
   ""
  ],
  [
   "call_regexp_common",
   "C++"
  ]
 ],
 "WXML": [
  [
   "remove_html_comments"
  ],
  [
   "call_regexp_common",
   "HTML"
  ]
 ],
 "WXSS": [
  [
   "rm_comments_in_strings",
   "\"",
   "/*",
   "*/"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "//",
   ""
  ],
  [
   "call_regexp_common",
   "C"
  ]
 ],
 "Web Services Description": [
  [
   "remove_html_comments"
  ],
  [
   "call_regexp_common",
   "HTML"
  ]
 ],
 "WebAssembly": [
  [
   "remove_matches",
   "^\\s*;;"
  ]
 ],
 "WiX include": [
  [
   "remove_html_comments"
  ],
  [
   "call_regexp_common",
   "HTML"
  ]
 ],
 "WiX source": [
  [
   "remove_html_comments"
  ],
  [
   "call_regexp_common",
   "HTML"
  ]
 ],
 "WiX string localization": [
  [
   "remove_html_comments"
  ],
  [
   "call_regexp_common",
   "HTML"
  ]
 ],
 "Windows Message File": [
  [
   "remove_matches",
   "^\\s*;\\s*//"
  ],
  [
   "call_regexp_common",
   "C"
  ],
  [
   "remove_matches",
   "^\\s*;\\s*$"
  ]
 ],
 "Windows Module Definition": [
  [
   "remove_matches",
   "^\\s*;"
  ],
  [
   "remove_inline",
   ";.*$"
  ]
 ],
 "Windows Resource File": [
  [
   "rm_comments_in_strings",
   "\"",
   "/*",
   "*/"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "//",
   ""
  ],
  [
   "call_regexp_common",
   "C++"
  ]
 ],
 "X++": [
  [
   "remove_matches",
   "\\s*#\\s*//"
  ],
  [
   "remove_between_regex",
   "#\\s*/\\*",
   "\\*/"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "/*",
   "*/"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "//",
   ""
  ],
  [
   "call_regexp_common",
   "C++"
  ]
 ],
 "XAML": [
  [
   "remove_html_comments"
  ],
  [
   "call_regexp_common",
   "HTML"
  ]
 ],
 "XHTML": [
  [
   "remove_html_comments"
  ],
  [
   "call_regexp_common",
   "HTML"
  ]
 ],
 "XMI": [
  [
   "remove_html_comments"
  ],
  [
   "call_regexp_common",
   "HTML"
  ]
 ],
 "XML": [
  [
   "remove_html_comments"
  ],
  [
   "call_regexp_common",
   "HTML"
  ]
 ],
 "XQuery": [
  [
   "remove_between_general",
   "(:",
   ":)"
  ]
 ],
 "XSD": [
  [
   "remove_html_comments"
  ],
  [
   "call_regexp_common",
   "HTML"
  ]
 ],
 "XSLT": [
  [
   "remove_html_comments"
  ],
  [
   "call_regexp_common",
   "HTML"
  ]
 ],
 "Xtend": [
  [
   "replace_between_regex",
   "([\"'])(.*?/)(\\*.*?)\\g1",
   "(.*?)",
   "\"$1$2$1 + $1$3$1$4\"",
   0
  ],
  [
   "call_regexp_common",
   "C++"
  ],
  [
   "remove_matches",
   "^\\s*\\x{c2ab}{3}"
  ]
 ],
 "YAML": [
  [
   "remove_matches",
   "^\\s*#"
  ],
  [
   "remove_inline",
   "#.*$"
  ]
 ],
 "Zig": [
  [
   "remove_matches",
   "^\\s*//"
  ],
  [
   "remove_inline",
   "//.*$"
  ]
 ],
 "awk": [
  [
   "remove_matches",
   "^\\s*#"
  ],
  [
   "remove_inline",
   "#.*$"
  ]
 ],
 "bc": [
  [
   "remove_matches",
   "^\\s*#"
  ],
  [
   "remove_inline",
   "#.*$"
  ]
 ],
 "builder": [
  [
   "remove_matches",
   "^\\s*xml_markup.comment!"
  ]
 ],
 "dhall": [
  [
   "remove_haskell_comments",
   ">filename<"
  ]
 ],
 "diff": [
  [
   "remove_matches",
   "^#"
  ],
  [
   "remove_matches",
   "^\\-\\-\\-"
  ],
  [
   "remove_matches",
   "^\\+\\+\\+"
  ],
  [
   "remove_matches",
   "^\\s"
  ]
 ],
 "dtrace": [
  [
   "remove_matches",
   "^\\s*#"
  ],
  [
   "remove_inline",
   "#.*$"
  ]
 ],
 "kvlang": [
  [
   "remove_matches",
   "^\\s*#[^:]"
  ]
 ],
 "lex": [
  [
   "call_regexp_common",
   "C"
  ]
 ],
 "liquid": [
  [
   "remove_between_general",
   "{% comment %}",
   "{% endcomment %}"
  ],
  [
   "remove_html_comments"
  ]
 ],
 "m4": [
  [
   "remove_matches",
   "^dnl\\s"
  ]
 ],
 "make": [
  [
   "remove_matches",
   "^\\s*#"
  ],
  [
   "remove_inline",
   "#.*$"
  ]
 ],
 "peg.js": [
  [
   "rm_comments_in_strings",
   "\"",
   "/*",
   "*/"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "//",
   ""
  ],
  [
   "call_regexp_common",
   "C++"
  ]
 ],
 "peggy": [
  [
   "rm_comments_in_strings",
   "\"",
   "/*",
   "*/"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "//",
   ""
  ],
  [
   "call_regexp_common",
   "C++"
  ]
 ],
 "reStructuredText": [
  [
   "remove_between_regex",
   "^\\.\\.",
   "^[^ \\n\\t\\r\\f\\.]"
  ]
 ],
 "sed": [
  [
   "remove_matches",
   "^\\s*#"
  ],
  [
   "remove_inline",
   "#.*$"
  ]
 ],
 "tspeg": [
  [
   "rm_comments_in_strings",
   "\"",
   "/*",
   "*/"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "//",
   ""
  ],
  [
   "call_regexp_common",
   "C++"
  ]
 ],
 "vim script": [
  [
   "remove_matches",
   "^\\s*\""
  ],
  [
   "remove_inline",
   "\".*$"
  ]
 ],
 "xBase": [
  [
   "remove_matches",
   "^\\s*\\&\\&"
  ],
  [
   "remove_matches",
   "^\\s*\\*"
  ],
  [
   "remove_matches",
   "^\\s*NOTE"
  ],
  [
   "remove_matches",
   "^\\s*note"
  ],
  [
   "remove_matches",
   "^\\s*Note"
  ],
  [
   "remove_inline",
   "\\&\\&.*$"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "/*",
   "*/"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "//",
   ""
  ],
  [
   "call_regexp_common",
   "C++"
  ]
 ],
 "xBase Header": [
  [
   "remove_matches",
   "^\\s*\\&\\&"
  ],
  [
   "remove_matches",
   "^\\s*\\*"
  ],
  [
   "remove_matches",
   "^\\s*NOTE"
  ],
  [
   "remove_matches",
   "^\\s*note"
  ],
  [
   "remove_matches",
   "^\\s*Note"
  ],
  [
   "remove_inline",
   "\\&\\&.*$"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "/*",
   "*/"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "//",
   ""
  ],
  [
   "call_regexp_common",
   "C++"
  ]
 ],
 "yacc": [
  [
   "rm_comments_in_strings",
   "\"",
   "/*",
   "*/"
  ],
  [
   "rm_comments_in_strings",
   "\"",
   "//",
   ""
  ],
  [
   "call_regexp_common",
   "C++"
  ]
 ],
 "zsh": [
  [
   "remove_matches",
   "^\\s*#"
  ],
  [
   "remove_inline",
   "#.*$"
  ]
 ]
};

export const CLOC_EOL_CONTINUATION: Readonly<Record<string, string>> = {
 "ASP": "\\\\$",
 "ASP.NET": "\\\\$",
 "ActionScript": "\\\\$",
 "Ada": "\\\\$",
 "AspectJ": "\\\\$",
 "Assembly": "\\\\$",
 "Bourne Again Shell": "\\\\$",
 "Bourne Shell": "\\\\$",
 "C": "\\\\$",
 "C Shell": "\\\\$",
 "C#": "\\\\$",
 "C# Designer": "\\\\$",
 "C++": "\\\\$",
 "C/C++ Header": "\\\\$",
 "CMake": "\\\\$",
 "Cake Build Script": "\\\\$",
 "Cython": "\\\\$",
 "D": "\\\\$",
 "Dart": "\\\\$",
 "Expect": "\\\\$",
 "Futhark": "\\\\$",
 "Gencat NLS": "\\\\$",
 "Go": "\\\\$",
 "IDL": "\\$\\$",
 "Igor Pro": "\\$",
 "JSON5": "\\\\$",
 "JSX": "\\\\$",
 "JavaScript": "\\\\$",
 "Kermit": "\\\\$",
 "Korn Shell": "\\\\$",
 "LESS": "\\\\$",
 "Lua": "\\\\$",
 "MATLAB": "\\.\\.\\.\\s*$",
 "MXML": "\\\\$",
 "Meson": "\\\\$",
 "Metal": "\\\\$",
 "OCaml": "\\\\$",
 "Objective-C": "\\\\$",
 "Objective-C++": "\\\\$",
 "Octave": "\\.\\.\\.\\s*$",
 "Patran Command Language": "\\\\$",
 "PowerBuilder": "\\\\$",
 "PowerShell": "\\\\$",
 "Python": "\\\\$",
 "Qt Project": "\\\\$",
 "R": "\\\\$",
 "Rmd": "\\\\$",
 "Ruby": "\\\\$",
 "Solidity": "\\\\$",
 "Starlark": "\\\\$",
 "Stata": "///$",
 "Stylus": "\\\\$",
 "Swift": "\\\\$",
 "TTCN": "\\\\$",
 "Tcl/Tk": "\\\\$",
 "TypeScript": "\\\\$",
 "Vala": "\\\\$",
 "Vala Header": "\\\\$",
 "X++": "\\\\$",
 "awk": "\\\\$",
 "bc": "\\\\$",
 "kvlang": "\\\\$",
 "lex": "\\\\$",
 "make": "\\\\$",
 "sed": "\\\\$",
 "zsh": "\\\\$"
};
