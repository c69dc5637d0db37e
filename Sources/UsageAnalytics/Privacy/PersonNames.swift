/// Common given names and surnames of the languages PSA customers write in (English, German,
/// French, Spanish, Dutch, Italian, Portuguese, Polish), for finding a person's name used as a key,
/// an event name or an enum token.
///
/// A list cannot be complete; it catches the frequent case cheaply. Names that are also everyday
/// words of analytics values (`mark`, `will`, `max`, `grace`, `ruby`, `page`, `king`) are left out
/// so that enum tokens are not mistaken for people.
enum PersonNames {
    static let all: Set<String> = Set(
        """
        james john robert michael william david richard joseph thomas charles christopher daniel matthew
        anthony donald steven paul andrew joshua kenneth kevin brian george timothy ronald edward jason
        jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin scott brandon benjamin samuel
        gregory alexander patrick raymond dennis jerry tyler aaron henry douglas peter adam nathan zachary
        walter kyle harold jeremy keith roger gerald ethan arthur terry sean lawrence noah jesse albert bryan
        bruce alan ralph gabriel wayne eugene randy louis russell vincent philip johnny bradley liam lucas
        elijah sebastian mateo mary patricia jennifer linda elizabeth barbara susan jessica sarah karen lisa
        nancy betty sandra margaret ashley kimberly emily michelle amanda melissa deborah stephanie rebecca
        laura cynthia kathleen angela shirley brenda emma anna nicole samantha katherine christine debra
        rachel carolyn janet maria catherine heather diane olivia julie christina lauren joan evelyn judith
        andrea cheryl hannah jacqueline gloria teresa madison frances kathryn janice abigail alice sophia
        denise marilyn danielle isabella theresa natalie brittany charlotte jane amelia harper hans klaus
        jürgen juergen wolfgang stefan andreas uwe markus matthias dieter manfred horst helmut gerhard werner
        heinz karl günter guenter sabine ursula monika claudia susanne birgit stefanie katharina leonie
        johanna lukas jonas maximilian moritz niklas tobias pierre michel philippe alain nicolas christophe
        bernard laurent julien francois françois sebastien sébastien frederic frédéric olivier thierry
        nathalie isabelle sylvie francoise françoise monique valerie valérie sandrine sophie camille chloe
        chloé manon juliette jose josé antonio manuel francisco javier carlos miguel alejandro rafael pedro
        pablo sergio fernando jorge alberto luis alvaro álvaro diego adrian adrián carmen josefa isabel
        dolores pilar lucia lucía cristina marta elena raquel beatriz silvia nuria sofia sofía valentina
        pieter kees henk johannes willem hendrik gerrit cornelis sander thijs jeroen maarten joost sanne femke
        lotte marloes giuseppe giovanni francesco mario luigi paolo marco alessandro stefano roberto giorgio
        lorenzo matteo riccardo giulia chiara francesca federica alessandra elisa joao joão tiago nuno goncalo
        gonçalo mariana ines inês leonor piotr krzysztof andrzej tomasz pawel paweł marcin michal michał
        grzegorz jakub agnieszka malgorzata małgorzata katarzyna magdalena joanna ewa zofia smith johnson
        williams jones garcia miller davis rodriguez martinez hernandez lopez gonzalez wilson anderson taylor
        moore jackson perez thompson harris sanchez clark ramirez lewis robinson walker allen wright nguyen
        adams nelson campbell mitchell roberts carter phillips evans turner parker collins edwards stewart
        morris murphy rogers morgan peterson cooper bailey howard cox diaz richardson watson bennett hughes
        myers foster sanders ross jenkins perry powell sullivan ortiz mueller müller schmidt schneider fischer
        weber meyer wagner becker schulz hoffmann schaefer schäfer koch bauer richter schroeder schröder
        neumann schwarz zimmermann braun krueger krüger hofmann hartmann schmitt krause meier lehmann dubois
        durand lefebvre leroy moreau lefevre mercier dupont fontaine rousseau muller faure guerin guérin boyer
        fernandez fernández gomez gómez díaz moreno alvarez álvarez romero navarro ruiz jimenez jiménez munoz
        muñoz iglesias castillo ortega rubio molina delgado castro jansen janssen vries jong bakker visser
        meijer boer mulder peters hendriks dekker dijkstra rossi russo esposito bianchi ricci giordano mancini
        lombardi moretti silva santos ferreira pereira oliveira rodrigues martins sousa fernandes goncalves
        gonçalves gomes lopes marques almeida ribeiro carvalho teixeira nowak kowalski wisniewski wiśniewski
        wojcik wójcik kowalczyk kaminski kamiński lewandowski zielinski zieliński szymanski szymański wozniak
        woźniak dabrowski dąbrowski
        """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init))
}
