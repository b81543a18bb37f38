// Still more Portuguese (Brazilian and European) fragments, written by hand for this corpus, for the automatable kinds of case it covered
// thinly: long or detailed messages that end in one plain question, hedged questions ("not urgent", "not a
// complaint", "sorry to bother"), ordinary questions wrapped in emotional idioms or in exaggerated frustration with a
// form, several automatable questions in one message, and everyday self-service problems (a declined card, a code
// that does not apply, tracking that stalls, a missing accessory to exchange, a refund not yet visible). The
// hardNegatives put cue words in harmless roles or negate them, in the same long registers.
// Merged into fragments-pt.js by generate.js. No public dataset text is copied or paraphrased here.
module.exports = {
	automatable: {
		store: [
			// 1. contexto detalhado + uma pergunta simples
			['L1', 'oi, moro em [Lisboa|Boston|Londres] há uns anos e meus pais estão em {city}. queria comprar um {product} pra eles e mandar direto pra casa deles, pagando com meu cartão daqui. dá pra fazer isso, e quanto tempo leva a entrega pra {city}?'],
			['L1', 'vou dar um {product} de presente de aniversário pra [minha mãe|minha sogra|meu pai|meu irmão]. tem que ir pro endereço [dela|dele] em {city} e não quero que o preço apareça na caixa. vocês têm opção de presente ou nota sem valor?'],
			['L1', 'o {product} que eu quero passa um pouco do limite de um cartão só, então pensei em pagar metade no débito e metade no crédito. o site de vocês aceita pagar um pedido com dois cartões?'],
			['L1', 'Boa tarde,\n\nBaixei a nota fiscal do {order} pro meu contador e ela saiu [com o CNPJ errado|com a razão social incompleta|no meu nome em vez do da empresa]. O pedido chegou certinho, é só o dado fiscal.\n\nComo faço pra emitirem de novo com os dados corretos?\n\nAbraço,\n{name}'],
			['L1', 'comprei o {product} faz uns dois meses e na hora não quis a garantia estendida, mas agora fiquei pensando. dá pra contratar depois da compra e quanto custa?'],
			['L1', 'pedi pra redefinir a senha de manhã, o e-mail caiu no spam e só vi [à noite|depois do almoço]. agora o link diz que expirou. é só pedir outro? quanto tempo o link vale?'],
			['L1', 'estou a tentar criar conta no vosso site pelo portátil e o formulário diz sempre que o número de telemóvel é inválido. já experimentei [com +351|com e sem o indicativo|com espaços e sem espaços]. em que formato tenho de o pôr?'],
			['L1', 'ao pagar o {order} no cartão abriu a tela do banco de 3-D Secure dizendo que mandou um código por SMS, mas o código nunca chegou. já tentei {times}. o que posso fazer pra concluir o pagamento?'],
			['L1', 'vou me mudar de {city} pra [Campinas|Florianópolis|Salvador] daqui a um mês e queria já comprar [uma geladeira|uma máquina de lavar|o {product}] pra chegar direto na casa nova. dá pra agendar a entrega pra uma data específica?'],
			['L1', 'a empresa onde trabalho reembolsa o equipamento de home office, mas só se a nota sair no CNPJ deles. vou pedir um {product}. coloco os dados da empresa no checkout ou peço a nota depois?'],
			['L1', 'trabalho por turnos e durante o dia não está ninguém em casa. se encomendar um {product} para {city}, posso escolher um horário de entrega ou há algum ponto de recolha onde o possa levantar?'],
			['L1', 'estamos mobiliando um apê em {city} e vou fazer várias compras essa semana, provavelmente em pedidos separados. o frete é cobrado por pedido ou junta se for tudo pro mesmo endereço?'],
			// 1b. contexto detalhado, ação
			['L2', 'Olá,\n\nDevolvi o {product} do {order} na semana passada. A transportadora escaneou na [segunda|terça] e o rastreio mostra que já foi entregue no armazém de vocês, mas ainda não vejo o reembolso no cartão.\n\nPodem me dizer em que pé está?\n\n{name}'],
			['L2', 'pedi um {product} de surpresa pra [minha mãe|minha avó|meu pai|meu filho] e acabei de perceber que pus o meu endereço e não o [dela|dele] em {city}. no app ainda aparece que não foi enviado. podem trocar o endereço do {order}?'],
			['L2', 'fiz o {order} sexta à noite com entrega normal. é pra uma viagem que saio [quinta|segunda que vem] e quero ter certeza de que chega antes. conseguem ver onde está?'],
			['L2', 'comprei um {product} no {order} e o meu marido, de surpresa, comprou o mesmíssimo no mesmo dia 😅 só precisamos de um. posso cancelar o meu ou, se já saiu, começar a devolução?'],
			// 2. com ressalvas
			['L1', 'não é nada urgente e deve ser uma pergunta boba, mas o {product} vem [com carregador na caixa|com manual em português|com tomada no padrão brasileiro]?'],
			['L1', 'desculpa incomodar no [domingo|feriado]. só uma dúvida: a loja de {city} abre [amanhã|no dia 1º]?'],
			['L1', 'isto não é uma reclamação, chegou tudo perfeito. só queria saber qual é a vossa política de devolução para [caixas abertas|presentes|artigos em promoção], para a próxima.'],
			['L1', 'não estou pedindo desconto nem exceção, juro. só quero saber se o {product} costuma entrar em promoção ou se vocês têm newsletter de ofertas.'],
			['L1', 'não tem nada de estranho com a minha conta, só quero trocar o e-mail porque vou desativar o antigo. como faço?'],
			['L1', 'olá, pergunta se calhar parva: preciso de ter conta para comprar ou posso finalizar como convidado?'],
			['L2', 'sem pressa nenhuma, só preciso dele mês que vem. só queria saber se o {order} já foi enviado ou ainda está em separação.'],
			['L2', 'sei que vocês estão cheios de trabalho, sem pressão, mas queria cancelar o {order}: descobri que já tenho um {product} em casa. fiz o pedido [faz uma hora|hoje de manhã].'],
			// 3. expressões emocionais
			['L1', 'tô morrendo de vontade de ter o {product} novo, quando volta a ter na loja de {city}?? 😭'],
			['L1', 'o formulário de cadastro de vocês tá me deixando doida kkkk, recusa minha senha toda hora. quais são as regras? quantos caracteres, precisa de símbolo?'],
			['L1', 'já digitei o endereço {times} e o checkout apaga o CEP 💀 tem algum macete ou tento outro navegador?'],
			['L1', 'estou roída de curiosidade: quanto tempo demora mesmo o envio expresso para {city}?'],
			['L1', 'quase morri de desgosto, passei meia hora procurando onde baixa a nota fiscal no site. onde fica?? (é do {order})'],
			['L2', 'tô contando as horas kkk, o {product} do {order} tá "saiu para entrega" desde cedo, tem ideia de que horas chega?'],
			['L2', 'a minha [mãe|irmã|sogra] mata-me se o {product} não chegar antes do aniversário dela no sábado 😂 podem ver como está o {order}?'],
			// 4. várias perguntas numa mensagem
			['L1', 'umas dúvidas antes de comprar: quais formas de pagamento vocês aceitam, dá pra parcelar sem juros, e posso pagar com boleto ou pix?'],
			['L1', 'oi! 1) entregam em {city}? 2) quanto fica o frete de um {product}? 3) se eu não gostar, quantos dias tenho pra devolver?'],
			['L1', 'o {product} tem garantia? é do fabricante ou vossa? e se avariar, onde o levo?'],
			['L1', 'que horas fecha hoje a loja de {city}, vocês têm o {product} lá, e dá pra reservar pelo site e retirar na loja?'],
			['L1', 'Bom dia,\n\nTenho algumas dúvidas:\n- Podem emitir fatura com os dados da minha empresa?\n- Têm conta para empresas ou desconto para compras frequentes?\n- Com que transportadoras enviam?\n\nObrigado'],
			['L2', 'duas coisas sobre o {order}: quando chega? e ainda dá pra trocar a cor do {product} pra [preto|branco]?'],
			// 5. problemas de autoatendimento
			['L1', 'meu cartão foi recusado [duas vezes|de novo] ao pagar o {product}. no app do banco não tem bloqueio nenhum e tenho limite. o que mais pode ser?'],
			['L1', 'tenho um cupom da newsletter mas aparece "não válido para este pedido", e o carrinho passa do valor mínimo. ele exclui alguns produtos ou estou fazendo algo errado?'],
			['L1', 'o vale-presente que [a minha sogra|o meu irmão|a minha avó] me deu não é aceite no site, diz inválido. estou a escrever tal e qual. tem validade ou vai noutro campo?'],
			['L2', 'a página de rastreio do {order} está há dois dias em "em trânsito" sem atualizar. é normal ou tem algo segurando?'],
			['L2', 'chegou hoje o {product} mas na caixa não veio [o cabo de carregamento|o controle remoto|o adaptador], o resto veio. posso trocar por um completo?'],
			['L2', 'vocês me avisaram faz {daysIn} que o reembolso do {order} foi feito, mas ainda não aparece na fatura do cartão. quanto tempo demora pra aparecer?'],
			['L2', 'o app não me deixa cancelar o {order}, o botão fica cinza. fiz o pedido há [20 minutos|uma hora]. vocês conseguem cancelar?'],
			['L2', 'recebi um {product} [azul|cinzento] e tinha encomendado [preto|prateado]. ainda está selado. como o troco pela cor certa?'],
			['L2', 'Boa tarde,\n\nO {order} deveria ter chegado [ontem|na sexta] segundo o e-mail de confirmação, e o código de rastreio que mandaram não mostra nada no site da transportadora.\n\nPoderiam verificar onde está o pacote?\n\nAtenciosamente,\n{name}'],
			['L2', 'mudei de casa no fim de semana e esqueci de atualizar o endereço antes de comprar. o {order} ainda não saiu. o endereço novo é em {city}. podem alterar?'],
		],
		clinic: [
			// 1. contexto detalhado + uma pergunta simples
			['L1', 'ontem fiz uma limpeza com vocês e hoje a gengiva está um pouco sensível e dói com gelado, nada demais. é normal depois da limpeza e posso tomar ibuprofeno?'],
			['L1', 'mudei de emprego há pouco e o novo dá plano odontológico [da Amil|da SulAmérica|da Médis|da Multicare]. em breve preciso de uma {treatment}. vocês aceitam esse plano e ele costuma cobrir {treatment}?'],
			['L1', 'Olá,\n\nMudei-me para {city} no mês passado e procuro um dentista novo. A minha última consulta foi há [cerca de um ano|dois anos] e neste momento não tenho queixas.\n\nO que inclui a primeira consulta e quanto tempo demora?\n\nObrigada,\n{name}'],
			['L1', 'meu dentista antigo disse que mais pra frente vou precisar de uma {treatment}. não sinto dor, só quero ir juntando dinheiro. mais ou menos quanto custa com vocês e tem parcelamento?'],
			['L1', 'vou pagar a {treatment} uma parte pelo convênio e o resto do meu bolso. a diferença posso pagar no cartão e vocês emitem recibo pro imposto de renda?'],
			['L1', '[a minha avó|o meu pai|a minha mãe] tem [78|82] anos e anda com andarilho. precisa de uma consulta de rotina. a clínica é no rés-do-chão ou tem elevador? há estacionamento perto?'],
			['L2', 'oi! eu e meu marido precisamos de limpeza e queríamos ir juntos, um logo depois do outro, pra fazer uma viagem só. vocês têm dois horários seguidos num [sábado|dia de semana à tarde]?'],
			['L2', 'tenho consulta de {treatment} na [quinta às 10|segunda de manhã], mas o trabalho marcou uma reunião que não consigo mudar nesse horário. dá pra passar para [mais tarde na mesma semana|uma tarde]?'],
			['L2', 'Prezados,\n\nGostaria de marcar consulta e limpeza para os meus dois filhos ([6 e 9|7 e 11] anos). Eles saem da escola às 14h, então teria de ser à tarde, de preferência os dois no mesmo dia.\n\nQue disponibilidade têm?\n\n{name}'],
			['L2', 'marquei uma {treatment} pra semana que vem pelo site, mas escolhi a unidade errada, queria a de {city}. podem passar a consulta pra lá, no mesmo dia se der?'],
			// 2. com ressalvas
			['L1', 'desculpa incomodar, deve ser pergunta boba: preciso escovar os dentes antes de ir fazer limpeza ou tanto faz?'],
			['L1', 'não é urgente, não dói nada, só pergunto: de quanto em quanto tempo recomendam consulta para quem não tem problemas?'],
			['L1', 'não é reclamação, gostei muito da consulta. só queria saber se vocês avisam antes da próxima limpeza ou se eu mesma tenho que marcar.'],
			['L2', 'sem pressa nenhuma, mas podia marcar-me a consulta dos seis meses para [algum dia de março|a primeira semana do mês que vem]?'],
			// 3. expressões emocionais
			['L1', 'tô morrendo de vontade de deixar os dentes mais brancos antes do meu casamento 😅 quantas sessões de clareamento eu precisaria e quanto custa cada uma?'],
			['L1', 'o formulário de marcação online está a dar-me cabo dos nervos, não aceita a minha data de nascimento. tem algum formato ou posso marcar de outra forma?'],
			['L1', 'morro de medo de dentista kkk, vocês têm alguma coisa pra paciente nervoso relaxar durante uma {treatment}?'],
			['L2', 'preciso de uma limpeza pra ontem, o café tá acabando com meu sorriso 💀 tem vaga essa semana?'],
			// 4. várias perguntas numa mensagem
			['L1', 'algumas perguntas: qual o horário no fim de semana, aceitam cartão e dinheiro, e atendem crianças?'],
			['L1', 'olá! quanto custa um branqueamento, quanto tempo dura o resultado e há alguma coisa que não deva comer a seguir?'],
			['L1', 'vocês aceitam meu convênio? preciso levar alguma coisa na primeira consulta? e com quanto tempo de antecedência eu chego?'],
			// 5. autoatendimento do dia a dia
			['L1', 'paguei online o sinal da {treatment} e o cartão foi recusado, mas não aparece cobrança nenhuma. posso pagar na clínica?'],
			['L1', 'fiz uma obturação hoje de manhã e o lábio ainda está meio dormente. mais ou menos quanto tempo dura a anestesia e quando posso comer?'],
			['L2', 'nunca recebi o e-mail de confirmação da consulta, acho que digitei o e-mail errado. podem confirmar se estou marcada pra {treatment} na [terça|dia 14]?'],
			['L2', 'preciso desmarcar a minha limpeza de [quarta|sexta] porque vou estar viajando. quando voltar eu remarco. obrigada!'],
			['L2', 'Olá,\n\nTenho uma {treatment} marcada para o mês que vem e acabei de saber que nessa semana vou estar fora em trabalho.\n\nPodem passá-la para a semana seguinte, à mesma hora se houver?\n\nObrigado,\n{name}'],
			['L2', 'o lembrete diz que minha consulta é às 9 mas eu achava que tinha marcado às 11. qual é o certo? e se tiver vaga, deixam às 11?'],
		],
	},
	hardNegatives: [
		'Isto não é uma reclamação e ninguém está chateado, prometo. Só quero saber quanto tempo demora a entrega de um {product} para {city}.',
		'não hackearam minha conta nem nada, só esqueci a senha depois de [umas férias|meses sem entrar]. o e-mail caiu no spam e o link expirou. como peço outro?',
		'sou advogada e estou atolada, desculpa a mensagem curta: vocês têm o {product} em estoque em {city}?',
		'o {product} está a funcionar lindamente, nada de fumo, não aquece, nada. só quero saber se a garantia também cobre a bateria.',
		'fui cobrado uma vez só, certinho, sem problema. só preciso que reemitam a nota do {order} porque o CPF saiu errado.',
		'não quero reembolso, amei o {product}! quero comprar o mesmo pra [minha mãe|meu pai|minha avó] em {city}, vocês entregam lá?',
		'[minha irmã|meu marido|meu pai] trabalha com prevenção a fraudes e me disse pra sempre perguntar: o pagamento de vocês usa 3-D Secure? o código nunca chegou quando tentei pagar o {order}.',
		'urgente? nada kkkk. mas tô morrendo de curiosidade pra saber se o {product} vem em [rosa|verde] 😂',
		'não preciso falar com ninguém, o bot resolve: dá pra parcelar e dá pra pagar com boleto?',
		'não é queixa do estafeta, foi super simpático. é só que o rastreio do {order} não atualiza há dois dias, já vem a caminho?',
		'Olá,\n\nNão é emergência nenhuma nem há problema com a encomenda. [A minha mãe|O meu irmão|A minha sogra] passou-me a caixa fechada e quero trocar o {product} por outra cor; comprámos há {daysIn}.\n\nComo inicio a troca?\n\n{name}',
		'a devolução foi escaneada no armazém de vocês na segunda; não estou contestando nada nem vou ligar pro banco, só quero saber quando o reembolso aparece.',
		'nada de dor depois da limpeza, só um pouquinho de sensibilidade ao gelado, normal imagino. posso usar minha pasta de sempre?',
		'sou enfermeira, sangue não me assusta kkk, mas o meu filho tem pavor. vocês têm um dentista bom com criança nervosa pra uma consulta?',
		'não é urgência: tenho uma {treatment} na sexta e o meu chefe mudou uma reunião, posso passar para segunda?',
		'arrasei na entrevista de emprego graças ao clareamento 😁 quando devo fazer o retoque e quanto custa?',
		'não tem nada a ver com acidente nem pancada, só quero saber se o meu seguro dentário cobre uma {treatment} na vossa clínica.',
		'que oferta de matar a do {product}! ainda tem na loja de {city}?',
	],
};
